using System.CommandLine;
using KwsNano.Cli.CortexM;

namespace KwsNano.Cli.Commands;

/// <summary>
/// <c>kwsnano bench</c>: builds the native engine for a Cortex-M or RISC-V core, runs each model under QEMU with
/// deterministic instruction counting and prints instructions per inference, per layer and per MAC, code
/// size, peak stack and the milliseconds they take at a stated clock and CPI (see kernels-native/cortex-m/README.md
/// and kernels-native/riscv/README.md).
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
        var cpu = ChoiceList.Of(new Option<string>("--cpu") { Description = "Core: m4 (default), m7, m3, m0plus, rv32imc (ESP32-C3/C6 class)", DefaultValueFactory = _ => "m4" },
            BenchTarget.All.Select(t => t.Cpu));
        var mhz = new Option<double?>("--mhz")
        {
            Description = "Clock for the estimated ms; default the core's reference board: " +
                string.Join(", ", BenchTarget.All.Select(t => $"{t.Cpu} {t.DefaultMhz} ({t.ReferenceBoard})")),
        };
        var cpi = new Option<double>("--cpi") { Description = "Cycles per instruction assumed for the estimated ms", DefaultValueFactory = _ => 1.0 };
        var layers = new Option<bool>("--layers") { Description = "Also print the per-layer tables (always in JSON)" };
        var buildDir = new Option<string?>("--build-dir") { Description = "CMake build directory (default: build/<target>-bench-<cpu> in a checkout; ~/.cache/kwsnano/bench/... for an installed tool)" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds allowed per QEMU run", DefaultValueFactory = _ => 600 };
        var memory = ChoiceList.Of(new Option<string>("--memory") { Description = "Memory plan the models are converted with, as convert --memory: speed (default) or small (smaller arena, more instructions)", DefaultValueFactory = _ => "speed" },
            ["speed", "small"]);
        var command = new Command("bench", "Instructions per inference (total, per layer, per MAC), estimated ms, code size and stack on Cortex-M or RISC-V, counted under QEMU -icount.")
        {
            models, json, cpu, mhz, cpi, layers, buildDir, timeout, memory,
        };
        command.SetAction(parse =>
        {
            var find = findTool ?? ToolLocator.FindOnPath;
            string core = parse.GetValue(cpu) ?? "m4";
            var target = BenchTarget.For(core);
            var clock = ClockFor(target, parse.GetValue(mhz), parse.GetValue(cpi));
            var runner = new BenchRunner(find, console.Error);
            runner.CheckTools(target);
            var engine = EngineSources.Find("bench");
            var specs = BenchModelSpec.Resolve(parse.GetValue(models) ?? [], engine.SharedDir);
            string plan = parse.GetValue(memory) ?? "speed";
            string dir = parse.GetValue(buildDir) ?? engine.BuildDir($"{target.ProjectDir}-bench-{core}" + (plan == "speed" ? "" : "-" + plan));
            string root = engine.Root;
            var report = runner.Run(root, Path.GetFullPath(dir), target, specs, ToolLocator.SelfCommand(), parse.GetValue(timeout), frontend: true,
                memoryPlan: plan) with { Clock = clock, MemoryPlan = plan };
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

    /// <summary>The clock of the estimate: <paramref name="mhz"/> when given, else the target's reference board.</summary>
    /// <exception cref="CliException">A clock or CPI that is not a positive number.</exception>
    public static BenchClock ClockFor(BenchTarget target, double? mhz, double cpi)
    {
        if (mhz is { } m && (!double.IsFinite(m) || m <= 0 || m > 10000))
        {
            throw new CliException($"--mhz: {m} is not a clock in MHz (a positive number up to 10000)");
        }
        if (!double.IsFinite(cpi) || cpi <= 0 || cpi > 100)
        {
            throw new CliException($"--cpi: {cpi} is not a cycles-per-instruction figure (a positive number up to 100)");
        }
        return mhz is { } given
            ? new BenchClock { Mhz = given, Cpi = cpi, Source = "--mhz" }
            : new BenchClock { Mhz = target.DefaultMhz, Cpi = cpi, Source = target.ReferenceBoard + ", the default for --cpu " + target.Cpu };
    }
}
