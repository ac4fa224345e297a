using KwsNano.Cli;

namespace KwsNano.Tests.Firmware;

/// <summary><c>kwsnano flash --dry-run</c> prints the nanoff invocations with the documented addresses.</summary>
public sealed class FlashCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kwsflash").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string File(string name, byte[]? content = null)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllBytes(path, content ?? [1, 2, 3, 4]);
        return path;
    }

    private string Model(int size)
    {
        var blob = new byte[size];
        "KWSM"u8.CopyTo(blob);
        BitConverter.GetBytes((uint)size).CopyTo(blob, 8);
        return File($"m{size}.kwsm", blob);
    }

    /// <summary>A real, valid .kwsm (ds_cnn_s, 38 KB): flash verifies every model in full.</summary>
    private string RealModel() => File("ds_cnn_s.kwsm", FirmwareModels.Get("ds_cnn_s"));

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var console = new StringCliConsole();
        int code = CliApp.Run(args, console);
        return (code, console.OutText, console.ErrorText);
    }

    [Fact]
    public void Esp32FirmwareAppAndModel()
    {
        string clr = File("nanoCLR.bin"), app = File("app.bin"), model = RealModel();
        var (code, output, err) = Run("flash", "--target", "ESP32", "--port", "/dev/ttyUSB0", "--firmware", clr, "--app", app, "--model", model, "--dry-run");
        Assert.True(code == 0, err);
        Assert.Equal(
            $"nanoff --target ESP32_REV0 --serialport /dev/ttyUSB0 --update --clrfile {clr}\n" +
            $"nanoff --target ESP32_REV0 --serialport /dev/ttyUSB0 --deploy --image {app} --address 0x1E0000\n" +
            $"nanoff --target ESP32_REV0 --serialport /dev/ttyUSB0 --deploy --image {model} --address 0x380000 --reset\n", output);
    }

    [Fact]
    public void Esp32S3DeploysAt0x1B0000()
    {
        string app = File("app.bin");
        var (code, output, _) = Run("flash", "--target", "ESP32_S3", "--port", "COM7", "--app", app, "--baud", "921600", "--dry-run");
        Assert.Equal(0, code);
        Assert.Equal($"nanoff --target ESP32_S3 --serialport COM7 --baud 921600 --deploy --image {app} --address 0x1B0000 --reset\n", output);
    }

    [Fact]
    public void Stm32UsesJtagHexFilesAndItsAddresses()
    {
        string booter = File("nanoBooter.hex"), clr = File("nanoCLR.hex"), app = File("app.bin"), model = RealModel();
        var (code, output, err) = Run("flash", "--target", "ST_STM32F769I_DISCOVERY", "--firmware", booter, clr, "--app", app, "--model", model, "--dry-run");
        Assert.True(code == 0, err);
        Assert.Equal(
            $"nanoff --target ST_STM32F769I_DISCOVERY --jtag --hexfile {booter} --hexfile {clr}\n" +
            $"nanoff --target ST_STM32F769I_DISCOVERY --jtag --deploy --image {app} --address 0x80C0000\n" +
            $"nanoff --target ST_STM32F769I_DISCOVERY --jtag --binfile {model} --address 0x81C0000 --reset\n", output);
    }

    [Fact]
    public void RejectsAModelBiggerThanTheEsp32ModelRegion()
    {
        string model = Model(0x40000 + 16);
        var (code, output, err) = Run("flash", "--target", "ESP32", "--port", "/dev/ttyUSB0", "--model", model, "--dry-run");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains($"model {model} is 262160 bytes", err);
        Assert.Contains("reserves 262144 bytes (256 KB) at 0x380000", err);
    }

    [Fact]
    public void AcceptsAModelOfExactly256KbOnEsp32()
    {
        // The plan's size rule at its boundary (a synthetic blob: the command would also verify it in full).
        var runs = KwsNano.Cli.Firmware.FlashPlan.Build(new(KwsNano.Cli.Firmware.FlashTarget.Esp32, "/dev/ttyUSB0", [], null, Model(0x40000), null));
        Assert.Equal("--address 0x380000 --reset", string.Join(' ', runs[0][^3..]));
    }

    [Fact]
    public void RefusesACrcCorruptedModelBeforeAnyNanoffLine()
    {
        var blob = FirmwareModels.Get("ds_cnn_s").ToArray();
        blob[^1] ^= 0x55; // one weight byte: only the CRC check can see it
        string model = File("bad.kwsm", blob);
        var (code, output, err) = Run("flash", "--target", "ESP32", "--port", "/dev/ttyUSB0", "--model", model, "--dry-run");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("crc", err, StringComparison.OrdinalIgnoreCase);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("99999999999")]
    [InlineData("fast")]
    public void RefusesABadBaudWithACleanMessage(string baud)
    {
        var (code, output, err) = Run("flash", "--target", "ESP32", "--port", "/dev/ttyUSB0", "--model", RealModel(), "--baud", baud, "--dry-run");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains($"error: --baud {baud}: expected a baud rate 9600..2000000", err);
        Assert.DoesNotContain("System.", err);
    }

    [Fact]
    public void WarnsThatPortAndBaudAreIgnoredOnStm32AndLeavesThemOut()
    {
        string model = RealModel();
        var (code, output, err) = Run("flash", "--target", "ST_STM32F769I_DISCOVERY", "--port", "/dev/ttyUSB0", "--baud", "115200", "--model", model, "--dry-run");
        Assert.True(code == 0, err);
        Assert.Equal($"nanoff --target ST_STM32F769I_DISCOVERY --jtag --binfile {model} --address 0x81C0000 --reset\n", output);
        Assert.Equal(
            "warning: --port is ignored for ST_STM32F769I_DISCOVERY: it is flashed over JTAG (ST-LINK)\n" +
            "warning: --baud is ignored for ST_STM32F769I_DISCOVERY: it is flashed over JTAG (ST-LINK)\n", err);
    }

    [Fact]
    public void TakesACatalogIdAsModelAndFlashesTheConvertedBlob()
    {
        var (code, output, err) = Run("flash", "--target", "ESP32", "--port", "/dev/ttyUSB0", "-m", "ds_cnn_s", "--mirror", TestData.ModelsDir, "--cache", Path.Combine(_dir, "cache"), "--dry-run");
        Assert.True(code == 0, err);
        var image = output.Split(' ')[Array.IndexOf(output.Split(' '), "--image") + 1];
        Assert.Equal(FirmwareModels.Get("ds_cnn_s"), System.IO.File.ReadAllBytes(image));
        System.IO.File.Delete(image);
    }

    [Fact]
    public void PinsNanoffInTheLocalToolManifest()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(System.IO.File.ReadAllText(Path.Combine(TestData.RepoRoot, ".config", "dotnet-tools.json")));
        var nanoff = doc.RootElement.GetProperty("tools").GetProperty("nanoff");
        Assert.Matches(@"^\d+\.\d+\.\d+$", nanoff.GetProperty("version").GetString());
        Assert.Equal("nanoff", nanoff.GetProperty("commands")[0].GetString());
    }

    [Theory]
    [InlineData("--target", "ESP8266", "--port", "x", "--app", "APP", "ESP8266")]
    [InlineData("--target", "ESP32", "--app", "APP", "", "", "--port is required for ESP32")]
    [InlineData("--target", "ESP32", "--port", "x", "", "", "nothing to flash")]
    [InlineData("--target", "ESP32", "--port", "x", "--model", "APP", "is not a .kwsm model")]
    [InlineData("--target", "ESP32", "--port", "x", "--app", "/nonexistent/app.bin", "--app /nonexistent/app.bin: file not found")]
    public void ExplainsBadInput(string a, string b, string c, string d, string e, string f, string expected)
    {
        string app = File("app.bin");
        var args = new List<string> { "flash" };
        args.AddRange(new[] { a, b, c, d, e, f }.Where(s => s.Length > 0).Select(s => s == "APP" ? app : s));
        args.Add("--dry-run");
        var (code, _, err) = Run([.. args]);
        Assert.Equal(2, code);
        Assert.Contains(expected, err);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void CombinesPeFilesIntoADeploymentImage()
    {
        string pe1 = File("a.pe", [.. "NFMRK2"u8, 0, 0, 9]);
        string pe2 = File("b.pe", [.. "NFMRK2"u8, 0, 0]);
        var (code, output, err) = Run("flash", "--target", "ESP32", "--port", "/dev/ttyUSB0", "--app-pe", pe1, pe2, "--dry-run");
        Assert.True(code == 0, err);
        var image = output.Split(' ')[Array.IndexOf(output.Split(' '), "--image") + 1];
        var bytes = System.IO.File.ReadAllBytes(image);
        Assert.Equal(12 + 8, bytes.Length); // 9 bytes padded to 12, then 8
        Assert.Equal((byte)'N', bytes[12]);
        System.IO.File.Delete(image);
    }
}
