using System.Collections;
using nanoFramework.TestFramework;
using KwsNano.Firmware;

namespace KwsNano.Firmware.Tests
{
    [TestClass]
    public class BoardProfileTests
    {
        private sealed class Lines : ILineWriter
        {
            public readonly ArrayList Written = new ArrayList();

            public void WriteLine(string line)
            {
                Written.Add(line);
            }
        }

        [TestMethod]
        [DataRow("ESP32_REV0", 0, "ESP32")]
        [DataRow("ESP32_S3_ALL", 0, "ESP32_S3")]
        [DataRow("ST_STM32F769I_DISCOVERY", 1, "ST_STM32F769I_DISCOVERY")]
        public void EachAppGetsItsTargetsProfile(string target, int microphone, string name)
        {
            Lines log = new Lines();
            BoardProfile board = BoardProfile.ForApp(target, (MicrophoneKind)microphone, log);
            Assert.AreEqual(name, board.Name);
            Assert.AreEqual(microphone, (int)board.Microphone);
            Assert.AreEqual(0, log.Written.Count);
        }

        [TestMethod]
        public void AnAppOnAnotherPlatformsTargetFallsBackAndSaysSo()
        {
            Lines log = new Lines();
            BoardProfile board = BoardProfile.ForApp("ST_STM32F769I_DISCOVERY", MicrophoneKind.ManagedI2s, log);
            Assert.AreEqual("ESP32", board.Name);
            Assert.AreEqual(1, log.Written.Count);
            Assert.AreEqual("KWS ERR t_us=0 where=board status=0 text=target ST_STM32F769I_DISCOVERY has no profile for this app, using ESP32", (string)log.Written[0]);
            board = BoardProfile.ForApp("UNKNOWN_BOARD", MicrophoneKind.NativeCapture, log);
            Assert.AreEqual("ST_STM32F769I_DISCOVERY", board.Name);
        }
    }
}
