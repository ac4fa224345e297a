namespace KwsNano.Cli.CortexM;

/// <summary>
/// A core <c>kwsnano bench</c> can measure: how its firmware is configured (CMake project and toolchain
/// file), which tools it needs, which QEMU machine runs it, how instructions are counted, and the clock of
/// the board the estimated milliseconds refer to by default.
/// </summary>
public sealed record BenchTarget
{
    /// <summary>Core name as given to <c>--cpu</c> (m4, m7, m3, m0plus, rv32imc).</summary>
    public required string Cpu { get; init; }

    /// <summary>Display name ("Cortex-M4", "RISC-V rv32imc").</summary>
    public required string DisplayName { get; init; }

    /// <summary>QEMU machine the images run on.</summary>
    public required string Board { get; init; }

    /// <summary>CMake project under kernels-native (cortex-m or riscv).</summary>
    public required string ProjectDir { get; init; }

    /// <summary>Toolchain file, relative to the project directory.</summary>
    public required string ToolchainFile { get; init; }

    /// <summary>Extra CMake cache settings of the configure step.</summary>
    public IReadOnlyList<string> ConfigureArgs { get; init; } = [];

    /// <summary>Compiler the toolchain file looks for.</summary>
    public required string Compiler { get; init; }

    /// <summary>binutils size tool for the library code sizes.</summary>
    public required string SizeTool { get; init; }

    /// <summary>QEMU system emulator.</summary>
    public required string Qemu { get; init; }

    /// <summary>QEMU machine and CPU arguments (before the counting and semihosting arguments).</summary>
    public required IReadOnlyList<string> MachineArgs { get; init; }

    /// <summary>Debian packages that provide the tools.</summary>
    public required string Packages { get; init; }

    /// <summary>How instructions are counted on this target.</summary>
    public required string Counting { get; init; }

    /// <summary>Clock of the reference board in MHz (the default of <c>--mhz</c>).</summary>
    public required double DefaultMhz { get; init; }

    /// <summary>Reference board the default clock belongs to.</summary>
    public required string ReferenceBoard { get; init; }

    /// <summary>Tools the benchmark needs on PATH.</summary>
    public IReadOnlyList<string> RequiredTools => ["cmake", Compiler, SizeTool, Qemu];

    private const string ArmCounting =
        "qemu-system-arm -icount shift=0 (1 ns of virtual time per instruction), 25 MHz CMSDK timer: resolution 40 instructions";

    private static BenchTarget Arm(string cpu, string display, string board, double mhz, string referenceBoard) => new()
    {
        Cpu = cpu,
        DisplayName = display,
        Board = board,
        ProjectDir = "cortex-m",
        ToolchainFile = Path.Combine("cmake", $"cortex-{cpu}.cmake"),
        Compiler = "arm-none-eabi-gcc",
        SizeTool = "arm-none-eabi-size",
        Qemu = "qemu-system-arm",
        MachineArgs = ["-M", board],
        Packages = "cmake gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm",
        Counting = ArmCounting,
        DefaultMhz = mhz,
        ReferenceBoard = referenceBoard,
    };

    /// <summary>Every target, in the order <c>--cpu</c>'s help lists them.</summary>
    public static IReadOnlyList<BenchTarget> All { get; } =
    [
        Arm("m4", "Cortex-M4", "mps2-an386", 180, "STM32F429 (ST_STM32F429I_DISCOVERY)"),
        Arm("m7", "Cortex-M7", "mps2-an500", 216, "STM32F769 (ST_STM32F769I_DISCOVERY)"),
        Arm("m3", "Cortex-M3", "mps2-an385", 72, "STM32F103"),
        Arm("m0plus", "Cortex-M0+", "mps2-an385", 48, "STM32G0 / STM32L0-class"),
        new BenchTarget
        {
            Cpu = "rv32imc",
            DisplayName = "RISC-V rv32imc",
            Board = "virt",
            ProjectDir = "riscv",
            ToolchainFile = Path.Combine("cmake", "riscv32.cmake"),
            ConfigureArgs = ["-DKWS_RV_CPU=rv32imc"],
            Compiler = "riscv64-unknown-elf-gcc",
            SizeTool = "riscv64-unknown-elf-size",
            Qemu = "qemu-system-riscv32",
            MachineArgs = ["-M", "virt", "-cpu", "rv32,a=false,f=false,d=false", "-bios", "none"],
            Packages = "cmake gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf qemu-system-misc",
            Counting = "qemu-system-riscv32 -icount shift=0, minstret CSR: exact to 1 instruction",
            DefaultMhz = 160,
            ReferenceBoard = "ESP32-C3 / ESP32-C6",
        },
    ];

    /// <summary>The target named <paramref name="cpu"/>.</summary>
    /// <exception cref="CliException">Unknown core.</exception>
    public static BenchTarget For(string cpu) =>
        All.FirstOrDefault(t => t.Cpu == cpu)
        ?? throw new CliException($"--cpu: unknown core '{cpu}' ({string.Join(", ", All.Select(t => t.Cpu))})");
}
