using KwsNano.Cli;
using KwsNano.Cli.Commands;
using KwsNano.Cli.Firmware;
using KwsNano.Tests.Serial;

namespace KwsNano.Tests.Firmware;

/// <summary><c>kwsnano flash</c> for real (nanoff recorded, not run): order, stopping at a failure, the port check, --list-ports.</summary>
public sealed class FlashHandlerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kwsflashh").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private sealed class RecordingNanoff(int failAt = -1, int code = 3) : INanoff
    {
        public List<string> Runs { get; } = [];

        public int Run(IReadOnlyList<string> args, ICliConsole console)
        {
            Runs.Add(FlashHandler.CommandLine(args));
            console.Out.WriteLine("(nanoff output)");
            return Runs.Count - 1 == failAt ? code : 0;
        }
    }

    private string Write(string name, byte[] content)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private (int Code, string Out, string Err) Flash(RecordingNanoff nanoff, FakeSerialPorts ports, params string[] args)
    {
        var console = new StringCliConsole();
        var root = new System.CommandLine.RootCommand { FlashCommand.Create(console, nanoff, ports) };
        int code = CliApp.Run(["flash", .. args], console, root);
        return (code, console.OutText, console.ErrorText);
    }

    [Fact]
    public void RunsEachNanoffLineInOrderAfterPrintingIt()
    {
        string clr = Write("nanoCLR.bin", [1, 2]), app = Write("app.bin", [3, 4]), model = Write("ds_cnn_s.kwsm", FirmwareModels.Get("ds_cnn_s"));
        var nanoff = new RecordingNanoff();
        var (code, output, err) = Flash(nanoff, new FakeSerialPorts("/dev/ttyS0", "/dev/ttyUSB0"), "--target", "ESP32", "--port", "/dev/ttyUSB0", "--firmware", clr, "--app", app, "-m", model);
        Assert.True(code == 0, err);
        Assert.Equal([
            $"nanoff --target ESP32_REV0 --serialport /dev/ttyUSB0 --update --clrfile {clr}",
            $"nanoff --target ESP32_REV0 --serialport /dev/ttyUSB0 --deploy --image {app} --address 0x1E0000",
            $"nanoff --target ESP32_REV0 --serialport /dev/ttyUSB0 --deploy --image {model} --address 0x380000 --reset"], nanoff.Runs);
        Assert.Equal(string.Concat(nanoff.Runs.Select(r => r + "\n(nanoff output)\n")), output);
    }

    [Fact]
    public void StopsAtTheFirstFailingNanoffWithExit1()
    {
        // Before: the exit code was nanoff's own (3 here), which the documented exit codes do not have.
        string clr = Write("nanoCLR.bin", [1, 2]), app = Write("app.bin", [3, 4]), model = Write("ds_cnn_s.kwsm", FirmwareModels.Get("ds_cnn_s"));
        var nanoff = new RecordingNanoff(failAt: 1);
        var (code, _, err) = Flash(nanoff, new FakeSerialPorts("COM4"), "--target", "ESP32", "--port", "COM4", "--firmware", clr, "--app", app, "-m", model);
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Equal(2, nanoff.Runs.Count); // the model was not written after the app failed
        Assert.Equal($"error: flash: nanoff exited with code 3 ({nanoff.Runs[1]}); nothing after it was run\n", err);
    }

    [Fact]
    public void AMissingPortIsRefusedBeforeAnyNanoffRunWithThePortsThereAre()
    {
        string app = Write("app.bin", [3, 4]);
        var nanoff = new RecordingNanoff();
        var (code, output, err) = Flash(nanoff, new FakeSerialPorts("/dev/ttyS0", "/dev/ttyACM0"), "--target", "ESP32_S3", "--port", "/dev/ttyUSB7", "--app", app);
        Assert.Equal(2, code);
        Assert.Empty(nanoff.Runs);
        Assert.Equal("", output);
        Assert.Equal("error: flash: --port /dev/ttyUSB7: no such port (ports: /dev/ttyACM0; see kwsnano flash --list-ports)\n", err);
        // a dry run only plans: no board needed
        var (dryCode, dryOut, _) = Flash(nanoff, new FakeSerialPorts(), "--target", "ESP32_S3", "--port", "/dev/ttyUSB7", "--app", app, "--dry-run");
        Assert.Equal(0, dryCode);
        Assert.StartsWith("nanoff --target ESP32_S3 --serialport /dev/ttyUSB7 ", dryOut);
        Assert.Empty(nanoff.Runs);
    }

    [Fact]
    public void ListPortsNeedsNoTarget()
    {
        var (code, output, err) = Flash(new RecordingNanoff(), new FakeSerialPorts("/dev/ttyUSB1", "/dev/ttyS3", "/dev/ttyUSB0"), "--list-ports");
        Assert.True(code == 0, err);
        Assert.Equal("/dev/ttyUSB0\n/dev/ttyUSB1\n", output);
        var (code2, _, err2) = Flash(new RecordingNanoff(), new FakeSerialPorts(), "--dry-run");
        Assert.Equal(2, code2);
        Assert.Equal("error: flash: --target is required (ESP32, ESP32_S3, ST_STM32F769I_DISCOVERY)\n", err2);
    }
}
