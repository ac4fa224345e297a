using System.Device.Gpio;
using nanoFramework.TestFramework;
using KwsNano.Firmware;

namespace KwsNano.Firmware.Tests
{
    /// <summary>KwsApp's decisions with a fake engine and microphone: model refusal, restarts, interval choice.</summary>
    [TestClass]
    public class KwsAppTests
    {
        private FakeClock _clock;
        private FakeEngine _engine;
        private FakeMicrophone _mic;
        private RecordingLineWriter _log;

        private KwsApp Create(ActionConfig config)
        {
            _clock = new FakeClock();
            _engine = new FakeEngine(_clock);
            BoardProfile board = BoardProfile.Esp32Inmp441();
            board.StatusLedPin = -1;
            _mic = new FakeMicrophone(_clock, board.SampleRate, 4096);
            _log = new RecordingLineWriter();
            return new KwsApp(board, _engine, _mic, new GpioController(), config, _log);
        }

        private static ActionConfig Config(int interval)
        {
            ActionConfig config = new ActionConfig();
            config.InferenceInterval = interval;
            config.StatsIntervalMs = 0;
            return config;
        }

        [TestMethod]
        public void ARefusedModelIsReportedAndTheAppStaysUp()
        {
            KwsApp app = Create(Config(1));
            _engine.LoadStatus = -3;
            app.Start();
            Assert.IsFalse(app.ModelLoaded);
            Assert.AreEqual("KWS ERR t_us=0 where=model status=-3 text=status -3", _log.First("KWS ERR"));
            app.Step();
            app.Step();
            Assert.AreEqual(0, _engine.ProcessCalls);
            Assert.AreEqual(2, _mic.Reads);
        }

        [TestMethod]
        public void AModelForAnotherSampleRateIsRefused()
        {
            KwsApp app = Create(Config(1));
            _engine.SampleRate = 8000;
            app.Start();
            Assert.IsFalse(app.ModelLoaded);
            Assert.AreEqual("KWS ERR t_us=0 where=model status=0 text=model sample rate 8000 Hz differs from the microphone's 16000 Hz", _log.First("KWS ERR"));
        }

        [TestMethod]
        public void AProcessErrorIsCountedAndRestartsTheStream()
        {
            KwsApp app = Create(Config(1));
            app.Start();
            Assert.IsTrue(app.ModelLoaded);
            int resets = _engine.Resets;
            _engine.NextProcessStatus = -7;
            app.Step();
            Assert.AreEqual(1, app.Stats.Errors);
            Assert.AreEqual(resets + 1, _engine.Resets);
            Assert.AreEqual(1, _log.Count("KWS ERR"));
            app.Step();
            Assert.AreEqual(1, app.Stats.Errors);
            Assert.AreEqual(resets + 1, _engine.Resets);
        }

        [TestMethod]
        public void AnOverrunIsCountedAndRestartsTheStream()
        {
            KwsApp app = Create(Config(1));
            app.Start();
            app.Step();
            int resets = _engine.Resets;
            _mic.StallUs = 1000000; // one second late: 16000 frames arrived, the driver holds 4096
            app.Step();
            Assert.AreEqual(1, app.Stats.Overruns);
            Assert.AreEqual(resets + 1, _engine.Resets);
            Assert.AreEqual(1, _log.Count("KWS OVR"));
        }

        [TestMethod]
        public void AnIntervalTheEngineRefusesFallsBackToEveryHop()
        {
            KwsApp app = Create(Config(7));
            _engine.MaxInterval = 4;
            app.Start();
            Assert.IsTrue(app.ModelLoaded);
            Assert.AreEqual(1, _engine.Interval);
            Assert.AreEqual("KWS ERR t_us=0 where=interval status=-104 text=interval 7: status -104; running every hop", _log.First("KWS ERR"));
            Assert.IsTrue(_log.First("KWS BOOT").IndexOf("interval=1 interval_by=config") > 0);
        }

        [TestMethod]
        public void AutoIntervalComesFromTheMeasuredTimes()
        {
            KwsApp app = Create(Config(ActionConfig.AutoInferenceInterval));
            _engine.NetworkUs = 38000;
            _engine.FrontendUs = 500;
            app.Start();
            int expected = IntervalPlanner.Choose(20000, 500, 38000, 49);
            Assert.AreEqual(expected, _engine.Interval);
            Assert.IsTrue(expected > 1);
            Assert.IsTrue(_log.First("KWS BOOT").IndexOf("interval=" + expected.ToString() + " interval_by=auto cal_inf_us=38000 cal_fe_us=500") > 0);
        }

        [TestMethod]
        public void AFailedCalibrationRunsEveryHopAndSaysSo()
        {
            KwsApp app = Create(Config(ActionConfig.AutoInferenceInterval));
            _engine.NextProcessStatus = -9;
            app.Start();
            Assert.AreEqual(1, _engine.Interval);
            Assert.AreEqual("KWS ERR t_us=0 where=interval status=-9 text=calibration: status -9; running every hop", _log.First("KWS ERR"));
        }

        [TestMethod]
        public void AMicrophoneThatFailsToStartIsReported()
        {
            KwsApp app = Create(Config(1));
            _mic.FailStart = true;
            app.Start();
            Assert.IsTrue(app.ModelLoaded);
            Assert.AreEqual("KWS ERR t_us=0 where=microphone status=0 text=no microphone", _log.First("KWS ERR"));
        }
    }
}
