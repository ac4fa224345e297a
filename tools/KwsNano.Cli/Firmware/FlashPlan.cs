using System.Buffers.Binary;

namespace KwsNano.Cli.Firmware;

/// <summary>
/// The nanoff invocations that put a custom firmware, a managed application and a model blob on a board, in
/// that order. Pure: validates the inputs and builds argument lists; <see cref="Commands.FlashCommand"/> prints
/// or runs them.
/// </summary>
public static class FlashPlan
{
    /// <summary>What to flash.</summary>
    /// <param name="Target">Board.</param>
    /// <param name="Port">Serial port (ESP32; ignored for STM32 over JTAG).</param>
    /// <param name="Firmware">Custom firmware: ESP32 one nanoCLR.bin; STM32 .hex files (nanoBooter, nanoCLR).</param>
    /// <param name="App">Managed application: one deployment image (.bin).</param>
    /// <param name="Model">.kwsm model blob.</param>
    /// <param name="Baud">ESP32 baud rate, or null for nanoff's default.</param>
    public sealed record Request(FlashTarget Target, string? Port, IReadOnlyList<string> Firmware, string? App, string? Model, int? Baud);

    /// <summary>Argument lists (without the leading "nanoff"), one per nanoff run.</summary>
    /// <exception cref="CliException">Missing or invalid input; the message says what and where.</exception>
    public static IReadOnlyList<string[]> Build(Request r)
    {
        var t = r.Target;
        if (r.Firmware.Count == 0 && r.App == null && r.Model == null)
        {
            throw new CliException("flash: nothing to flash; give --firmware, --app and/or --model");
        }
        if (t.IsEsp32 && string.IsNullOrWhiteSpace(r.Port))
        {
            throw new CliException($"flash: --port is required for {t.Name} (e.g. /dev/ttyUSB0 or COM3)");
        }
        var connection = new List<string> { "--target", t.NanoffTarget };
        if (t.IsEsp32)
        {
            connection.AddRange(["--serialport", r.Port!]);
            if (r.Baud is int baud)
            {
                connection.AddRange(["--baud", baud.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            }
        }
        else
        {
            connection.Add("--jtag");
        }

        var runs = new List<string[]>();
        if (r.Firmware.Count > 0)
        {
            foreach (var f in r.Firmware)
            {
                RequireFile(f, "--firmware");
            }
            if (t.IsEsp32)
            {
                if (r.Firmware.Count != 1 || !r.Firmware[0].EndsWith(".bin", StringComparison.OrdinalIgnoreCase))
                {
                    throw new CliException($"flash: {t.Name} takes one custom nanoCLR .bin as --firmware (the build's nanoCLR.bin); got {string.Join(", ", r.Firmware)}");
                }
                runs.Add([.. connection, "--update", "--clrfile", r.Firmware[0]]);
            }
            else
            {
                var bad = r.Firmware.FirstOrDefault(f => !f.EndsWith(".hex", StringComparison.OrdinalIgnoreCase));
                if (bad != null)
                {
                    throw new CliException($"flash: {t.Name} takes the build's .hex files as --firmware (nanoBooter.hex, nanoCLR.hex); {bad} is not a .hex file");
                }
                var args = new List<string>(connection);
                foreach (var f in r.Firmware)
                {
                    args.AddRange(["--hexfile", f]);
                }
                runs.Add([.. args]);
            }
        }
        if (r.App != null)
        {
            RequireFile(r.App, "--app");
            if (!r.App.EndsWith(".bin", StringComparison.OrdinalIgnoreCase))
            {
                throw new CliException($"flash: --app {r.App} is not a deployment image (.bin); build one from .pe files with --app-pe or take bin/Release/*.bin of the nanoFramework build");
            }
            long appSize = new FileInfo(r.App).Length;
            uint room = t.ModelAddress > t.DeploymentAddress ? t.ModelAddress - t.DeploymentAddress : uint.MaxValue;
            if (appSize > room)
            {
                throw new CliException($"flash: {r.App} is {appSize} bytes; the deployment region of {t.Name} before the model holds {room} bytes (0x{t.DeploymentAddress:X}-0x{t.ModelAddress:X})");
            }
            runs.Add([.. connection, "--deploy", "--image", r.App, "--address", Hex(t.DeploymentAddress)]);
        }
        if (r.Model != null)
        {
            CheckModel(r.Model, t);
            if (t.IsEsp32)
            {
                runs.Add([.. connection, "--deploy", "--image", r.Model, "--address", Hex(t.ModelAddress)]);
            }
            else
            {
                runs.Add([.. connection, "--binfile", r.Model, "--address", Hex(t.ModelAddress)]);
            }
        }
        runs[^1] = [.. runs[^1], "--reset"];
        return runs;
    }

    /// <summary>Concatenates .pe files into a deployment image (each padded to 4 bytes), as the nanoFramework build does.</summary>
    public static void WriteDeploymentImage(IReadOnlyList<string> peFiles, string output)
    {
        using var outStream = File.Create(output);
        foreach (var pe in peFiles)
        {
            RequireFile(pe, "--app-pe");
            var bytes = File.ReadAllBytes(pe);
            if (bytes.Length < 8 || bytes[0] != (byte)'N' || bytes[1] != (byte)'F' || bytes[2] != (byte)'M' || bytes[3] != (byte)'R')
            {
                throw new CliException($"flash: {pe} is not a nanoFramework .pe file (it does not start with NFMRK)");
            }
            outStream.Write(bytes);
            int pad = (4 - bytes.Length % 4) % 4;
            outStream.Write(new byte[pad]);
        }
    }

    /// <summary>0x-prefixed upper-case hexadecimal, as nanoff expects.</summary>
    public static string Hex(uint address) => "0x" + address.ToString("X", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Header and size checks of a .kwsm for <paramref name="t"/>'s model region (cheap; the command also verifies it in full).</summary>
    /// <exception cref="CliException">Not a .kwsm, truncated, or larger than the region.</exception>
    public static void CheckModel(string path, FlashTarget t)
    {
        RequireFile(path, "--model");
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 64 || bytes[0] != (byte)'K' || bytes[1] != (byte)'W' || bytes[2] != (byte)'S' || bytes[3] != (byte)'M')
        {
            throw new CliException($"flash: {path} is not a .kwsm model (no KWSM magic); convert the .tflite first (kwsnano convert)");
        }
        uint total = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        if (total != bytes.Length)
        {
            throw new CliException($"flash: {path} is {bytes.Length} bytes but its header says {total} (truncated or padded file)");
        }
        if (bytes.Length > t.ModelMaxBytes)
        {
            throw new CliException($"flash: model {path} is {bytes.Length} bytes ({bytes.Length / 1024.0:F1} KB); {t.Name} reserves {t.ModelMaxBytes} bytes ({t.ModelMaxBytes / 1024} KB) at {Hex(t.ModelAddress)}. Use a smaller model or another target (docs/custom-firmware.md)");
        }
    }

    private static void RequireFile(string path, string option)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"flash: {option} {path}: file not found");
        }
    }
}
