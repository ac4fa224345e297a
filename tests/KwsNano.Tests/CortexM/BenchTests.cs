using System.CommandLine;
using KwsNano.Cli;
using KwsNano.Cli.Commands;
using KwsNano.Cli.CortexM;

namespace KwsNano.Tests.CortexM;

public class BenchTests
{
    private const string Line =
        "KWSBENCH {\"model\":\"tiny\",\"cpu\":\"cortex-m4\",\"blob_bytes\":1000,\"arena_bytes\":4096,\"stack_bytes\":312," +
        "\"open_instructions\":5000,\"instructions\":120000,\"macs\":40000,\"ops\":[" +
        "{\"index\":0,\"opcode\":\"CONV_2D\",\"source_index\":1,\"macs\":40000,\"instructions\":100000}," +
        "{\"index\":1,\"opcode\":\"SOFTMAX\",\"source_index\":2,\"macs\":0,\"instructions\":19960}]}";

    [Fact]
    public void ParsesTheFirmwareLine()
    {
        var r = BenchModelResult.Parse("bench tiny...\n" + Line + "\r\n", "tiny");
        Assert.Equal("tiny", r.Model);
        Assert.Equal(120000, r.Instructions);
        Assert.Equal(3.0, r.InstructionsPerMac);
        Assert.Equal(2, r.Ops.Count);
        Assert.Equal("SOFTMAX", r.Ops[1].Opcode);
        Assert.Equal(19960, r.Ops[1].Instructions);
    }

    [Fact]
    public void MissingOrBrokenLineIsAClearError()
    {
        Assert.Contains("no KWSBENCH line", Assert.Throws<CliException>(() => BenchModelResult.Parse("PASS\n", "m1")).Message);
        Assert.Contains("m2: malformed", Assert.Throws<CliException>(() => BenchModelResult.Parse("KWSBENCH {\"model\":", "m2")).Message);
    }

    [Fact]
    public void SumsLibrarySections()
    {
        const string size = "kws_conv2d_s8.c.obj   (ex libkws_engine.a):\nsection                 size   addr\n" +
            ".text                      0      0\n.text.kws_conv2d_s8      612      0\n.rodata.x                 20      0\n" +
            ".data                      4      0\n.bss                       8      0\n.comment                  30      0\nTotal                    674\n\n" +
            "kws_softmax_s8.c.obj   (ex libkws_engine.a):\nsection size addr\n.text.kws_softmax_s8  300  0\n.rodata  16 0\n";
        var c = CodeSize.ParseSizeA("kws_engine", size);
        Assert.Equal(912, c.Text);
        Assert.Equal(36, c.Rodata);
        Assert.Equal(4, c.Data);
        Assert.Equal(8, c.Bss);
        Assert.Equal(952, c.Flash);
    }

    [Fact]
    public void WritesTheTable()
    {
        var report = new BenchReport
        {
            Cpu = "m4",
            Board = "mps2-an386",
            Counting = "icount",
            Models = [BenchModelResult.Parse(Line, "tiny")],
            CodeSizes = [new CodeSize { Library = "kws_engine", Text = 912, Rodata = 36, Data = 4, Bss = 8 }],
        };
        var w = new StringWriter { NewLine = "\n" };
        report.WriteTable(w, perLayer: true);
        Assert.Equal(
            "Cortex-M4 on QEMU mps2-an386; instructions counted with icount.\n\n" +
            "model              instructions         MACs  insn/MAC  stack B  arena B   blob B  open insn\n" +
            "tiny                    120,000       40,000      3.00      312     4096     1000      5,000\n\n" +
            "library                      text   rodata   data    bss    flash\n" +
            "kws_engine                    912       36      4      8      952\n\n" +
            "tiny: per layer\n" +
            "  op opcode              src        MACs  instructions  insn/MAC  share\n" +
            "   0 CONV_2D               1      40,000       100,000      2.50  83.3%\n" +
            "   1 SOFTMAX               2           0        19,960         -  16.6%\n",
            w.ToString());
        Assert.Contains("\"instructions\": 120000", report.ToJson());
        Assert.Contains("\"library\": \"kws_engine\"", report.ToJson());
    }

    [Fact]
    public void MissingToolchainIsAClearUserError()
    {
        var console = new StringCliConsole();
        var root = new RootCommand { BenchCommand.Create(console, tool => tool == "cmake" ? "/usr/bin/cmake" : null) };
        var e = Assert.Throws<CliException>(() => root.Parse(["bench", "--models", "ds_cnn_s"]).Invoke(
            new InvocationConfiguration { EnableDefaultExceptionHandler = false }));
        Assert.Equal(CliException.UserErrorExitCode, e.ExitCode);
        Assert.Contains("arm-none-eabi-gcc, arm-none-eabi-size, qemu-system-arm", e.Message);
        Assert.DoesNotContain("cmake,", e.Message);
    }

    [Fact]
    public void WritesEstimatedMillisecondsWithTheClockStated()
    {
        var report = new BenchReport
        {
            Cpu = "rv32imc",
            Board = "virt",
            Counting = "minstret",
            Clock = BenchCommand.ClockFor(BenchTarget.For("rv32imc"), null, 1.0),
            Models = [BenchModelResult.Parse(Line, "tiny")],
        };
        var w = new StringWriter { NewLine = "\n" };
        report.WriteTable(w, perLayer: false);
        string text = w.ToString();
        Assert.StartsWith("RISC-V rv32imc on QEMU virt; instructions counted with minstret.\n" +
            "Estimated ms at 160 MHz (ESP32-C3 / ESP32-C6, the default for --cpu rv32imc) assuming 1.00 cycles per instruction", text);
        // 120,000 instructions at 160 MHz and CPI 1 = 0.75 ms
        Assert.Contains("      5,000      0.8\n", text);
        Assert.Contains("est. ms", text);
        var clock = BenchCommand.ClockFor(BenchTarget.For("m7"), 240, 1.5);
        Assert.Equal(1.5, clock.Milliseconds(240_000));
        Assert.Equal("--mhz", clock.Source);
        Assert.Equal(216, BenchCommand.ClockFor(BenchTarget.For("m7"), null, 1).Mhz);
        Assert.Contains("\"mhz\": 160", report.ToJson());
    }

    [Fact]
    public void BadClockOrCpiIsAClearUserError()
    {
        var t = BenchTarget.For("m4");
        Assert.Contains("--mhz: 0", Assert.Throws<CliException>(() => BenchCommand.ClockFor(t, 0, 1)).Message);
        Assert.Contains("--mhz", Assert.Throws<CliException>(() => BenchCommand.ClockFor(t, double.NaN, 1)).Message);
        Assert.Contains("--cpi: -1", Assert.Throws<CliException>(() => BenchCommand.ClockFor(t, null, -1)).Message);
    }

    [Fact]
    public void RiscvTargetNamesItsToolsAndQemuMachine()
    {
        var t = BenchTarget.For("rv32imc");
        Assert.Equal(["cmake", "riscv64-unknown-elf-gcc", "riscv64-unknown-elf-size", "qemu-system-riscv32"], t.RequiredTools);
        var args = BenchRunner.QemuArgs(t, "x.elf");
        Assert.Equal(["-M", "virt", "-cpu", "rv32,a=false,f=false,d=false", "-bios", "none"], args.Take(6));
        Assert.Contains("shift=0,sleep=off", args);
        Assert.Equal("x.elf", args[^1]);
        var console = new StringCliConsole();
        var root = new RootCommand { BenchCommand.Create(console, tool => tool == "cmake" ? "/usr/bin/cmake" : null) };
        var e = Assert.Throws<CliException>(() => root.Parse(["bench", "--cpu", "rv32imc"]).Invoke(
            new InvocationConfiguration { EnableDefaultExceptionHandler = false }));
        Assert.Contains("riscv64-unknown-elf-gcc, riscv64-unknown-elf-size, qemu-system-riscv32", e.Message);
        Assert.Contains("picolibc-riscv64-unknown-elf", e.Message);
    }

    [Fact]
    public void NamesTheSmallMemoryPlanInTableAndJson()
    {
        var report = new BenchReport
        {
            Cpu = "m4", Board = "mps2-an386", Counting = "icount", MemoryPlan = "small",
            Models = [BenchModelResult.Parse(Line, "tiny")],
        };
        var w = new StringWriter { NewLine = "\n" };
        report.WriteTable(w, perLayer: false);
        Assert.StartsWith(
            "Cortex-M4 on QEMU mps2-an386; instructions counted with icount.\n" +
            "Models converted with the small memory plan (convert --memory small).\n\n", w.ToString());
        Assert.Contains("\"memoryPlan\": \"small\"", report.ToJson());
        var speed = new StringWriter();
        (report with { MemoryPlan = "speed" }).WriteTable(speed, perLayer: false);
        Assert.DoesNotContain("memory plan", speed.ToString());
    }

    [Fact]
    public void UnknownCpuAndModelAreRejected()
    {
        Assert.Contains("'m33'", Assert.Throws<CliException>(() => BenchRunner.BoardFor("m33")).Message);
        Assert.Equal("mps2-an385", BenchRunner.BoardFor("m0plus"));
        Assert.Equal("virt", BenchRunner.BoardFor("rv32imc"));
        Assert.Contains("rv32imc", Assert.Throws<CliException>(() => BenchTarget.For("xtensa")).Message);
        var e = Assert.Throws<CliException>(() => BenchModelSpec.Resolve(["no_such_model"], "/nonexistent"));
        Assert.Contains("no_such_model", e.Message);
    }
}
