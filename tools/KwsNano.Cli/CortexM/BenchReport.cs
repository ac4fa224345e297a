using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KwsNano.Cli.CortexM;

/// <summary>Results of one <c>kwsnano bench</c> run and their table / JSON rendering.</summary>
public sealed record BenchReport
{
    /// <summary>Core (m4, m7, m3, m0plus, rv32imc).</summary>
    public string Cpu { get; init; } = "";

    /// <summary>Display name of the core ("Cortex-M4", "RISC-V rv32imc"); empty: derived from <see cref="Cpu"/>.</summary>
    public string Target { get; init; } = "";

    /// <summary>QEMU board it ran on.</summary>
    public string Board { get; init; } = "";

    /// <summary>How instructions were counted.</summary>
    public string Counting { get; init; } =
        "qemu-system-arm -icount shift=0 (1 ns of virtual time per instruction), 25 MHz CMSDK timer: resolution 40 instructions";

    /// <summary>Memory plan the models were converted with (<c>convert --memory</c>: speed or small).</summary>
    public string MemoryPlan { get; init; } = "speed";

    /// <summary>Clock the estimated milliseconds assume, when estimated.</summary>
    public BenchClock? Clock { get; init; }

    /// <summary>Per model results.</summary>
    public IReadOnlyList<BenchModelResult> Models { get; init; } = [];

    /// <summary>Front-end result, when measured.</summary>
    public BenchFrontendResult? Frontend { get; init; }

    /// <summary>Code size of the engine libraries.</summary>
    public IReadOnlyList<CodeSize> CodeSizes { get; init; } = [];

    /// <summary>Indented camelCase JSON of the whole report (the tool's one JSON convention, <see cref="CliJson"/>).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, CliJson.OmitNulls);

    /// <summary>Writes the human-readable tables (summary, per layer of each model, code size).</summary>
    public void WriteTable(TextWriter w, bool perLayer)
    {
        var ci = CultureInfo.InvariantCulture;
        string name = Target.Length > 0 ? Target : BenchTarget.All.FirstOrDefault(t => t.Cpu == Cpu)?.DisplayName ?? Cpu;
        w.WriteLine($"{name} on QEMU {Board}; instructions counted with {Counting}.");
        if (Clock is { } clock)
        {
            w.WriteLine(clock.Describe());
        }
        if (MemoryPlan != "speed")
        {
            w.WriteLine($"Models converted with the {MemoryPlan} memory plan (convert --memory {MemoryPlan}).");
        }
        w.WriteLine();
        string msHeader = Clock == null ? "" : $" {"est. ms",8}";
        w.WriteLine($"{"model",-16} {"instructions",14} {"MACs",12} {"insn/MAC",9} {"stack B",8} {"arena B",8} {"blob B",8} {"open insn",10}{msHeader}");
        foreach (var m in Models)
        {
            string ms = Clock == null ? "" : " " + Clock.Milliseconds(m.Instructions).ToString("F1", ci).PadLeft(8);
            w.WriteLine(string.Format(ci, "{0,-16} {1,14:N0} {2,12:N0} {3,9:F2} {4,8} {5,8} {6,8} {7,10:N0}",
                m.Model, m.Instructions, m.Macs, m.InstructionsPerMac, m.StackBytes, m.ArenaBytes, m.BlobBytes, m.OpenInstructions) + ms);
        }
        if (Frontend is { } f)
        {
            w.WriteLine();
            string feMs = Clock == null ? "" : string.Format(ci, " (est. {0:F2} ms)", Clock.Milliseconds(f.FrameInstructions));
            w.WriteLine(string.Format(ci, "MFCC front-end ({0}, {1}-sample frame, FFT {2}, {3} coefficients): {4:N0} instructions per frame{8}, init {5:N0}, buffer {6} B, stack {7} B",
                f.Preset, f.FrameLength, f.FftSize, f.NumCoeffs, f.FrameInstructions, f.InitInstructions, f.BufferBytes, f.StackBytes, feMs));
            w.WriteLine(f.TablesBytes > 0
                ? string.Format(ci, "  tables read from the blob ({0:N0} B of flash); building them in RAM instead: init {1:N0}, buffer {2} B", f.TablesBytes, f.BuildInitInstructions, f.BuildBufferBytes)
                : "  tables built in RAM (the blob has no front-end tables section: convert with --frontend-tables flash)");
        }
        if (CodeSizes.Count > 0)
        {
            w.WriteLine();
            w.WriteLine($"{"library",-24} {"text",8} {"rodata",8} {"data",6} {"bss",6} {"flash",8}");
            foreach (var c in CodeSizes)
            {
                w.WriteLine($"{c.Library,-24} {c.Text,8} {c.Rodata,8} {c.Data,6} {c.Bss,6} {c.Flash,8}");
            }
        }
        if (!perLayer)
        {
            return;
        }
        foreach (var m in Models)
        {
            w.WriteLine();
            w.WriteLine($"{m.Model}: per layer");
            w.WriteLine($"{"op",4} {"opcode",-18} {"src",4} {"MACs",11} {"instructions",13} {"insn/MAC",9} {"share",6}");
            foreach (var op in m.Ops)
            {
                string perMac = op.Macs == 0 ? "-" : ((double)op.Instructions / op.Macs).ToString("F2", ci);
                string share = m.Instructions == 0 ? "-" : (100.0 * op.Instructions / m.Instructions).ToString("F1", ci) + "%";
                w.WriteLine(string.Format(ci, "{0,4} {1,-18} {2,4} {3,11:N0} {4,13:N0} {5,9} {6,6}",
                    op.Index, op.Opcode, op.SourceIndex, op.Macs, op.Instructions, perMac, share));
            }
        }
    }
}
