using System.Diagnostics;
using System.Text;

namespace KwsNano.Cli.CortexM;

/// <summary>
/// Builds the benchmark firmware for a <see cref="BenchTarget"/> (kernels-native/cortex-m with arm-none-eabi-gcc,
/// or kernels-native/riscv with riscv64-unknown-elf-gcc) for a set of models, runs each image under QEMU with
/// <c>-icount shift=0</c> and collects the figures.
/// </summary>
public sealed class BenchRunner
{
    private readonly Func<string, string?> _findTool;
    private readonly TextWriter _progress;

    /// <summary>Creates a runner that looks tools up with <paramref name="findTool"/> and reports progress.</summary>
    public BenchRunner(Func<string, string?> findTool, TextWriter progress)
    {
        _findTool = findTool;
        _progress = progress;
    }

    /// <summary>QEMU board for a core: m4 mps2-an386, m7 mps2-an500, m3 and m0plus mps2-an385, rv32imc virt.</summary>
    /// <exception cref="CliException">Unknown core.</exception>
    public static string BoardFor(string cpu) => BenchTarget.For(cpu).Board;

    /// <summary>Throws a clear error naming every tool <paramref name="target"/> needs that is missing and how to install it.</summary>
    public void CheckTools(BenchTarget target)
    {
        var missing = target.RequiredTools.Where(t => _findTool(t) == null).ToList();
        if (missing.Count > 0)
        {
            throw new CliException($"kwsnano bench --cpu {target.Cpu} needs {string.Join(", ", missing)} on PATH " +
                $"(Debian: apt-get install {target.Packages}; or run scripts/setup.sh)");
        }
    }

    /// <summary>
    /// Configures, builds and runs the benchmark for <paramref name="models"/> on <paramref name="target"/>;
    /// <paramref name="memoryPlan"/> is the converter's memory plan (<c>speed</c> or <c>small</c>, <c>convert --memory</c>).
    /// </summary>
    public BenchReport Run(string repoRoot, string buildDir, BenchTarget target, IReadOnlyList<BenchModelSpec> models,
        IReadOnlyList<string> kwsnanoCommand, int timeoutSeconds, bool frontend, string memoryPlan = "speed")
    {
        string board = target.Board;
        CheckTools(target);
        string source = Path.Combine(repoRoot, "kernels-native", target.ProjectDir);
        string toolchain = Path.Combine(source, target.ToolchainFile);
        if (!File.Exists(Path.Combine(repoRoot, "kernels-native", "sources.cmake")))
        {
            throw new CliException("kernels-native/sources.cmake not found: this checkout has no native engine sources to benchmark");
        }
        Directory.CreateDirectory(buildDir);
        _progress.WriteLine($"bench: configuring {buildDir} for {target.DisplayName} ({models.Count} models, {memoryPlan} memory plan)");
        var configure = new List<string>
        {
            "-S", source, "-B", buildDir,
            "-DCMAKE_TOOLCHAIN_FILE=" + toolchain,
            "-DCMAKE_BUILD_TYPE=Release",
            "-DKWS_CM_MODELS=" + string.Join(";", models.Select(m => m.Name + "=" + m.Path)),
            "-DKWS_CM_RANDOM_VECTORS=0",
            "-DKWS_CM_TRACE_VECTORS=0",
            "-DKWSNANO_CLI=" + string.Join(";", kwsnanoCommand),
            "-DKWS_CM_CONVERT_ARGS=" + (memoryPlan == "speed" ? "" : "--memory;" + memoryPlan),
        };
        configure.AddRange(target.ConfigureArgs);
        Check(RunProcess(_findTool("cmake")!, configure, 600), "cmake configure");
        _progress.WriteLine("bench: building firmware");
        Check(RunProcess(_findTool("cmake")!, ["--build", buildDir, "--target", "kws_cm_bench_all"], 1800), "cmake --build");

        var results = new List<BenchModelResult>();
        foreach (var model in models)
        {
            string image = Path.Combine(buildDir, $"kws_cm_bench_{model.Name}.elf");
            _progress.WriteLine($"bench: running {model.Name} on QEMU {board}");
            var (code, output) = RunProcess(_findTool(target.Qemu)!, QemuArgs(target, image), timeoutSeconds);
            if (code != 0)
            {
                throw new CliException($"benchmark of {model.Name} failed on {board} (exit status {code}):\n{Tail(output)}");
            }
            results.Add(BenchModelResult.Parse(output, model.Name));
        }

        BenchFrontendResult? fe = null;
        string feImage = Path.Combine(buildDir, "kws_cm_bench_frontend.elf");
        if (frontend && File.Exists(feImage))
        {
            _progress.WriteLine("bench: running the MFCC front-end");
            var (code, output) = RunProcess(_findTool(target.Qemu)!, QemuArgs(target, feImage), timeoutSeconds);
            if (code != 0)
            {
                throw new CliException($"front-end benchmark failed on {board} (exit status {code}):\n{Tail(output)}");
            }
            fe = BenchFrontendResult.TryParse(output, "front-end benchmark");
        }

        var sizes = new List<CodeSize>();
        foreach (var lib in new[] { "libkws_engine.a", "libkws_frontend.a" })
        {
            string path = Path.Combine(buildDir, lib);
            if (File.Exists(path))
            {
                var (code, output) = RunProcess(_findTool(target.SizeTool)!, ["-A", path], 60);
                Check((code, output), target.SizeTool);
                sizes.Add(CodeSize.ParseSizeA(Path.GetFileNameWithoutExtension(lib)[3..], output));
            }
        }
        return new BenchReport
        {
            Cpu = target.Cpu, Target = target.DisplayName, Board = board, Counting = target.Counting,
            Models = results, Frontend = fe, CodeSizes = sizes,
        };
    }

    /// <summary>QEMU arguments for a deterministic counting run of <paramref name="image"/>.</summary>
    public static IReadOnlyList<string> QemuArgs(BenchTarget target, string image) =>
    [
        .. target.MachineArgs, "-nographic", "-monitor", "none", "-serial", "none",
        "-semihosting-config", "enable=on,target=native",
        "-icount", "shift=0,sleep=off",
        "-kernel", image,
    ];

    private static void Check((int Code, string Output) result, string what)
    {
        if (result.Code != 0)
        {
            throw new CliException($"{what} failed (exit status {result.Code}):\n{Tail(result.Output)}");
        }
    }

    private static string Tail(string text)
    {
        var lines = text.Split('\n');
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - 30)));
    }

    private (int Code, string Output) RunProcess(string file, IReadOnlyList<string> args, int timeoutSeconds)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var process = Process.Start(psi) ?? throw new CliException($"could not start {file}");
        process.StandardInput.Close();
        var output = new StringBuilder();
        var gate = new object();
        process.OutputDataReceived += (_, e) => { if (e.Data != null) { lock (gate) { output.Append(e.Data).Append('\n'); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) { lock (gate) { output.Append(e.Data).Append('\n'); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            throw new CliException($"{Path.GetFileName(file)} {string.Join(' ', args)} did not finish within {timeoutSeconds} s (killed)");
        }
        process.WaitForExit();
        lock (gate)
        {
            return (process.ExitCode, output.ToString());
        }
    }
}
