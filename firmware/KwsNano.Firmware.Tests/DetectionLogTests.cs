using nanoFramework.TestFramework;
using KwsNano.Firmware;

namespace KwsNano.Firmware.Tests
{
    [TestClass]
    public class DetectionLogTests
    {
        [TestMethod]
        public void DetectionLineHasTheDocumentedFields()
        {
            string line = DetectionLog.FormatDetection(1234567, "yes", 0.91234f, 45678, 8123, 612);
            Assert.AreEqual("KWS DET t_us=1234567 kw=yes score=0.912 lat_us=45678 inf_us=8123 fe_us=612", line);
        }

        [TestMethod]
        public void StatsLineReportsMeanAndMaxLatency()
        {
            RunStats s = new RunStats();
            s.AddInferences(250);
            s.AddDetection(40000);
            s.AddDetection(60000);
            s.Overruns = 2;
            string line = DetectionLog.FormatStats(10000000, s, 81234);
            Assert.AreEqual("KWS STAT t_us=10000000 inf=250 det=2 lat_mean_us=50000 lat_max_us=60000 overruns=2 errors=0 free=81234", line);
        }

        [TestMethod]
        public void BootOverrunAndErrorLines()
        {
            Assert.AreEqual("KWS BOOT t_us=5 board=ESP32 model=flash@0x380000 classes=12 hop_ms=20 window_ms=1000 chunk_ms=80 interval=1 interval_by=config",
                DetectionLog.FormatBoot(5, "ESP32", "flash@0x380000", 12, 20, 1000, 80, 1, false, -1, -1));
            Assert.AreEqual("KWS BOOT t_us=5 board=ESP32 model=flash@0x380000 classes=12 hop_ms=20 window_ms=1000 chunk_ms=80 interval=9 interval_by=auto cal_inf_us=120000 cal_fe_us=450",
                DetectionLog.FormatBoot(5, "ESP32", "flash@0x380000", 12, 20, 1000, 80, 9, true, 120000, 450));
            Assert.AreEqual("KWS OVR t_us=7 overruns=3", DetectionLog.FormatOverrun(7, 3));
            Assert.AreEqual("KWS ERR t_us=0 where=model status=-3 text=not a .kwsm blob", DetectionLog.FormatError(0, "model", -3, "not a .kwsm blob"));
        }

        [TestMethod]
        [DataRow(0.0f, "0.000")]
        [DataRow(0.0004f, "0.000")]
        [DataRow(0.9996f, "1.000")]
        [DataRow(0.05f, "0.050")]
        [DataRow(12.5f, "12.500")]
        public void FormatsThreeDecimals(float value, string text)
        {
            Assert.AreEqual(text, TextFormat.Fixed3(value));
        }
    }
}
