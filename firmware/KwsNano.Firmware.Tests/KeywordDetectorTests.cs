using nanoFramework.TestFramework;
using KwsNano.Firmware;

namespace KwsNano.Firmware.Tests
{
    [TestClass]
    public class KeywordDetectorTests
    {
        private static readonly string[] Labels = new string[] { "_silence_", "_unknown_", "yes", "no" };

        private static KeywordDetector Create(string config)
        {
            return new KeywordDetector(Labels, ActionConfigParser.Parse(config));
        }

        private static float[] P(float silence, float unknown, float yes, float no)
        {
            return new float[] { silence, unknown, yes, no };
        }

        [TestMethod]
        public void FillerClassesNeverFire()
        {
            KeywordDetector d = Create("threshold 0.5\nrefractory_ms 0");
            Assert.AreEqual(-1, d.Process(P(0.95f, 0.02f, 0.02f, 0.01f), 0));
            Assert.AreEqual(-1, d.Process(P(0.02f, 0.95f, 0.02f, 0.01f), 20000));
        }

        [TestMethod]
        public void FiresOncePerUtteranceAcrossOverlappingWindows()
        {
            KeywordDetector d = Create("threshold 0.6\nrefractory_ms 100\nrelease 0.5");
            int fired = 0;
            long t = 0;
            float[] rising = new float[] { 0.1f, 0.5f, 0.7f, 0.9f, 0.95f, 0.9f, 0.8f, 0.7f, 0.65f, 0.62f, 0.4f, 0.1f };
            for (int i = 0; i < rising.Length; i++)
            {
                t += 20000;
                if (d.Process(P(0, 1 - rising[i], rising[i], 0), t) == 2)
                {
                    fired++;
                }
            }
            Assert.AreEqual(1, fired);
        }

        [TestMethod]
        public void SameKeywordFiresAgainAfterItsScoreFell()
        {
            KeywordDetector d = Create("threshold 0.6\nrefractory_ms 100\nrelease 0.5");
            Assert.AreEqual(2, d.Process(P(0, 0.1f, 0.9f, 0), 0));
            Assert.AreEqual(-1, d.Process(P(0, 0.1f, 0.9f, 0), 200000));
            Assert.AreEqual(-1, d.Process(P(0.8f, 0, 0.2f, 0), 220000));
            Assert.AreEqual(2, d.Process(P(0, 0.1f, 0.9f, 0), 240000));
        }

        [TestMethod]
        public void RefractoryBlocksOtherKeywords()
        {
            KeywordDetector d = Create("threshold 0.6\nrefractory_ms 500");
            Assert.AreEqual(2, d.Process(P(0, 0, 0.9f, 0.1f), 1000000));
            Assert.AreEqual(-1, d.Process(P(0, 0, 0.1f, 0.9f), 1400000));
            Assert.AreEqual(3, d.Process(P(0, 0, 0.1f, 0.9f), 1500000));
        }

        [TestMethod]
        public void PerKeywordThresholdApplies()
        {
            KeywordDetector d = Create("threshold 0.5\nthreshold no 0.9\nrefractory_ms 0");
            Assert.AreEqual(-1, d.Process(P(0, 0.2f, 0, 0.8f), 0));
            Assert.AreEqual(3, d.Process(P(0, 0.05f, 0, 0.95f), 20000));
            Assert.AreEqual(0.9f, d.ThresholdOf(3));
            Assert.AreEqual(0.5f, d.ThresholdOf(2));
        }

        [TestMethod]
        [DataRow("_silence_", false)]
        [DataRow("unknown", false)]
        [DataRow("silence", false)]
        [DataRow("yes", true)]
        [DataRow("off", true)]
        public void ClassifiesLabels(string label, bool keyword)
        {
            Assert.AreEqual(keyword, KeywordDetector.IsKeywordLabel(label));
        }
    }
}
