using NfTest = nanoFramework.TestFramework;

namespace KwsNano.Tests.Firmware;

/// <summary>
/// Runs the device-side unit tests (firmware/KwsNano.Firmware.Tests, written with nanoFramework.TestFramework)
/// on .NET through the TestFramework mirror: one xunit case per device test method and DataRow.
/// </summary>
public class DeviceTestBridgeTests
{
    private static readonly System.Reflection.Assembly DeviceTests = typeof(KwsNano.Firmware.Tests.PosteriorSmootherTests).Assembly;

    /// <summary>Names of every device test case.</summary>
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in DeviceTestRunner.Discover(DeviceTests))
        {
            data.Add(c.Name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DeviceTestPasses(string name)
    {
        var test = DeviceTestRunner.Discover(DeviceTests).Single(c => c.Name == name);
        DeviceTestRunner.Run(test);
    }

    [Fact]
    public void DiscoversEveryDeviceTestClass()
    {
        var classes = DeviceTestRunner.Discover(DeviceTests).Select(c => c.Type.Name).Distinct().OrderBy(n => n).ToArray();
        Assert.Equal(new[] { "ActionConfigParserTests", "BoardProfileTests", "DetectionLogTests", "IntervalPlannerTests", "KeywordDetectorTests", "PosteriorSmootherTests", "ScoreDecoderTests" }, classes);
        Assert.True(DeviceTestRunner.Discover(DeviceTests).Count() >= 30);
    }

    [Fact]
    public void AFailingDeviceAssertionFailsTheBridge()
    {
        var cases = DeviceTestRunner.Discover(typeof(SampleDeviceTests).Assembly).Where(c => c.Type == typeof(SampleDeviceTests)).ToList();
        Assert.Equal(3, cases.Count);
        int setups = SampleDeviceTests.Setups, cleanups = SampleDeviceTests.Cleanups;
        var failing = cases.Single(c => c.Method.Name == nameof(SampleDeviceTests.Fails));
        var e = Assert.Throws<NfTest.AssertFailedException>(() => DeviceTestRunner.Run(failing));
        Assert.Contains("Expected:<1>. Actual:<2>", e.Message);
        foreach (var c in cases.Where(c => c.Method.Name == nameof(SampleDeviceTests.RowsAndSetup)))
        {
            DeviceTestRunner.Run(c);
        }
        Assert.Equal(3, SampleDeviceTests.Setups - setups);
        Assert.Equal(3, SampleDeviceTests.Cleanups - cleanups);
    }
}

/// <summary>A device-style test class used to check the bridge itself (one failing test, one with rows).</summary>
[NfTest.TestClass]
public class SampleDeviceTests
{
    private bool _setupDone;

    /// <summary>Setup calls so far.</summary>
    public static int Setups { get; private set; }

    /// <summary>Cleanup calls so far.</summary>
    public static int Cleanups { get; private set; }

    [NfTest.Setup]
    public void Setup()
    {
        Setups++;
        _setupDone = true;
    }

    [NfTest.Cleanup]
    public void Cleanup() => Cleanups++;

    [NfTest.TestMethod]
    public void Fails() => NfTest.Assert.AreEqual(1, 2);

    [NfTest.TestMethod]
    [NfTest.DataRow(1, 2, 3)]
    [NfTest.DataRow(5, 5, 10)]
    public void RowsAndSetup(int a, int b, int sum)
    {
        NfTest.Assert.IsTrue(_setupDone);
        NfTest.Assert.AreEqual(sum, a + b);
    }
}
