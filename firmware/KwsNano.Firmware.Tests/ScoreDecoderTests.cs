using nanoFramework.TestFramework;
using KwsNano.Firmware;

namespace KwsNano.Firmware.Tests
{
    [TestClass]
    public class ScoreDecoderTests
    {
        [TestMethod]
        public void SoftmaxOutputIsDequantised()
        {
            ScoreDecoder d = new ScoreDecoder(3, 1.0f / 256, -128, true);
            float[] p = d.Decode(new sbyte[] { 0, 0, -128, 127, -128, -128 }, 3);
            Assert.IsTrue(p[0] > 0.996f && p[0] < 0.997f, "255/256");
            Assert.AreEqual(0.0f, p[1]);
        }

        [TestMethod]
        public void LogitsGoThroughASoftmax()
        {
            ScoreDecoder d = new ScoreDecoder(2, 0.5f, 0, false);
            float[] p = d.Decode(new sbyte[] { 2, 0 }, 0);
            // e^1 / (e^1 + e^0) = 0.7311
            Assert.IsTrue(p[0] > 0.7310f && p[0] < 0.7312f);
            Assert.IsTrue(p[0] + p[1] > 0.9999f && p[0] + p[1] < 1.0001f);
        }

        [TestMethod]
        public void StreamTimelinePlacesWindowEnds()
        {
            StreamTimeline t = new StreamTimeline(320, 640, 49);
            Assert.AreEqual(16000L, t.WindowSamples);
            t.OnPush(16000, 1);
            Assert.AreEqual(0L, t.SamplesAfterWindow(0, 1));
            t.OnPush(1280, 4);
            Assert.AreEqual(960L, t.SamplesAfterWindow(0, 4));
            Assert.AreEqual(0L, t.SamplesAfterWindow(3, 4));
        }

        [TestMethod]
        public void StreamTimelineFollowsTheInferenceInterval()
        {
            // interval 8: inference 1 ends at sample 16000, inference 2 at 16000 + 8 x 320 = 18560
            StreamTimeline t = new StreamTimeline(320, 640, 49);
            t.Interval = 8;
            t.OnPush(16000, 1);
            Assert.AreEqual(0L, t.SamplesAfterWindow(0, 1));
            t.OnPush(2560 + 640, 1);
            Assert.AreEqual(640L, t.SamplesAfterWindow(0, 1));
            t.Reset();
            Assert.AreEqual(8, t.Interval);
        }

        [TestMethod]
        public void BlinkPatternFlashesThreeTimesPerPeriod()
        {
            BlinkPattern b = BlinkPattern.ModelError();
            int rising = 0;
            bool last = false;
            for (long t = 0; t < 2000000; t += 10000)
            {
                bool on = b.IsOn(t);
                if (on && !last)
                {
                    rising++;
                }
                last = on;
            }
            Assert.AreEqual(3, rising);
        }

        [TestMethod]
        public void OverrunMonitorFlagsLagBeyondTheBuffer()
        {
            OverrunMonitor m = new OverrunMonitor(4096, 16000); // 256 ms
            Assert.IsFalse(m.OnRead(1280, 80000));
            Assert.IsFalse(m.OnRead(1280, 160000 + 200000)); // 200 ms late: still buffered
            Assert.IsTrue(m.OnRead(1280, 240000 + 300000));  // 300 ms late: lost
            Assert.AreEqual(1, m.Overruns);
            Assert.IsFalse(m.OnRead(1280, 240000 + 300000 + 80000)); // re-synchronised
        }
    }
}
