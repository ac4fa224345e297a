using System.CommandLine;
using KwsNano.Cli.CortexM;

namespace KwsNano.Cli.Commands;

/// <summary>
/// <c>kwsnano bench</c>: builds the native engine for a Cortex-M core, runs each model under QEMU with
/// deterministic instruction counting and prints instructions per inference, per layer and per MAC, code
/// size and peak stack (see kernels-native/cortex-m/README.md).
/// </summary>
public static class BenchCommand
{
    /// <summary>Creates the command; <paramref name="findTool"/> replaces the PATH lookup (tests).</summary>
    public static Command Create(ICliConsole console, Func<string, string?>? findTool = null)
    {
        var models = new Option<string[]>("--models")
        {
            Description = "Models to measure: names (ds_cnn_s, micronet_m, mlex_ds_cnn_s, mlex_cnn_s, mlex_dnn_s, mlex_ds_cnn_m, mlex_cnn_m, mlex_dnn_m) or .tflite paths; default all",
            AllowMultipleArgumentsPerToken = true,
        };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON" };
        var cpu = new Option<string>("--cpu") { Description = "Core: m4 (default), m7, m3, m0plus", DefaultValueFactory = _ => "m4" };
        var layers = new Option<bool>("--layers") { Description = "Also print the per-layer tables (always in JSON)" };
        var buildDir = new Option<string?>("--build-dir") { Description = "CMake build directory (default build/cortex-m-bench-<cpu> in the repository)" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds allowed per QEMU run", DefaultValueFactory = _ => 600 };
        var command = new Command("bench", "Instructions per inference (total, per layer, per MAC), code size and stack on Cortex-M, counted under QEMU -icount.")
        {
            models, json, cpu, layers, buildDir, timeout,
        };
        command.SetAction(parse =>
        {
            var find = findTool ?? ToolLocator.FindOnPath;
            string core = parse.GetValue(cpu) ?? "m4";
            BenchRunner.BoardFor(core);
            var runner = new BenchRunner(find, console.Error);
            runner.CheckTools();
            string root = ToolLocator.FindRepoRoot(Directory.GetCurrentDirectory())
                ?? ToolLocator.FindRepoRoot(AppContext.BaseDirectory)
                ?? throw new CliException("kwsnano bench must run inside a KwsNano checkout (kernels-native/cortex-m/CMakeLists.txt not found above the current directory)");
            string shared = Environment.GetEnvironmentVariable("KWS_SHARED") is { Length: > 0 } s
                ? s : Path.GetFullPath(Path.Combine(root, "..", "shared"));
            var specs = BenchModelSpec.Resolve(parse.GetValue(models) ?? [], shared);
            string dir = parse.GetValue(buildDir) ?? Path.Combine(root, "build", $"cortex-m-bench-{core}");
            var report = runner.Run(root, Path.GetFullPath(dir), core, specs, ToolLocator.SelfCommand(), parse.GetValue(timeout), frontend: true);
            if (parse.GetValue(json))
            {
                console.Out.WriteLine(report.ToJson());
            }
            else
            {
                report.WriteTable(console.Out, parse.GetValue(layers));
            }
            return 0;
        });
        return command;
    }
}
