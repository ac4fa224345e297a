using nanoFramework.TestFramework;
using KwsNano.Firmware;

namespace KwsNano.Firmware.Tests
{
    [TestClass]
    public class ActionConfigParserTests
    {
        [TestMethod]
        public void ParsesEveryDirective()
        {
            ActionConfig c = ActionConfigParser.Parse(
                "# comment line\n" +
                "threshold 0.65\r\n" +
                "threshold yes 0.8   # trailing comment\n" +
                "smoothing 7\n" +
                "refractory_ms 650\n" +
                "release 0.4\n" +
                "stats_ms 0\n" +
                "\n" +
                "on yes pulse 25 200\n" +
                "on no\ttoggle 26\n" +
                "on go set 27 high\n" +
                "on stop set 27 low\n");
            Assert.AreEqual(0.65f, c.DefaultThreshold);
            Assert.AreEqual(0.8f, c.ThresholdFor("yes"));
            Assert.AreEqual(0.65f, c.ThresholdFor("no"));
            Assert.AreEqual(7, c.SmoothingWindow);
            Assert.AreEqual(650, c.RefractoryMs);
            Assert.AreEqual(0.4f, c.ReleaseRatio);
            Assert.AreEqual(0, c.StatsIntervalMs);
            Assert.AreEqual(4, c.ActionCount);
            KeywordAction a = c.GetAction(0);
            Assert.AreEqual("yes", a.Keyword);
            Assert.AreEqual((int)ActionKind.Pulse, (int)a.Kind);
            Assert.AreEqual(25, a.Pin);
            Assert.AreEqual(200, a.DurationMs);
            Assert.AreEqual((int)ActionKind.Toggle, (int)c.GetAction(1).Kind);
            Assert.IsTrue(c.GetAction(2).Level);
            Assert.IsFalse(c.GetAction(3).Level);
        }

        [TestMethod]
        public void EmptyTextGivesDefaults()
        {
            ActionConfig c = ActionConfigParser.Parse("");
            Assert.AreEqual(ActionConfig.DefaultSmoothing, c.SmoothingWindow);
            Assert.AreEqual(ActionConfig.DefaultInferenceInterval, c.InferenceInterval);
            Assert.AreEqual(ActionConfig.AutoInferenceInterval, c.InferenceInterval);
            Assert.AreEqual(0, c.ActionCount);
            Assert.AreEqual(8, ActionConfigParser.Parse("smoothing 2\ninterval 8\n").InferenceInterval);
            Assert.AreEqual(ActionConfig.AutoInferenceInterval, ActionConfigParser.Parse("interval 8\ninterval auto\n").InferenceInterval);
        }

        [TestMethod]
        [DataRow("on yes blink 2", "config line 1: unknown action 'blink' (expected pulse, toggle or set)")]
        [DataRow("threshold 1.5", "config line 1: '1.5' is not a probability between 0 and 1")]
        [DataRow("\nsmoothing 0", "config line 2: smoothing window '0' is not an integer in 1..100")]
        [DataRow("on yes pulse 2", "config line 1: expected 'on <keyword> pulse <pin> <ms>'")]
        [DataRow("on yes set 2 maybe", "config line 1: level 'maybe' is not high or low")]
        [DataRow("on yes toggle 999", "config line 1: pin '999' is not an integer in 0..175")]
        [DataRow("volume 11", "config line 1: unknown directive 'volume' (expected threshold, smoothing, refractory_ms, release, stats_ms, interval or on)")]
        [DataRow("interval 0", "config line 1: inference interval '0' is neither 'auto' nor an integer in 1..100")]
        [DataRow("interval fast", "config line 1: inference interval 'fast' is neither 'auto' nor an integer in 1..100")]
        [DataRow("interval 8 2", "config line 1: expected 'interval <hops|auto>'")]
        public void ReportsTheLineAndTheProblem(string text, string message)
        {
            bool thrown = false;
            try
            {
                ActionConfigParser.Parse(text);
            }
            catch (ConfigException e)
            {
                thrown = true;
                Assert.AreEqual(message, e.Message);
            }
            Assert.IsTrue(thrown, "no ConfigException for: " + text);
        }

        [TestMethod]
        public void DefaultConfigurationsParse()
        {
            Assert.AreEqual(10, ActionConfigParser.Parse(DefaultActionConfig.Text).ActionCount);
            Assert.AreEqual(10, ActionConfigParser.Parse(DefaultActionConfig.TextEsp32S3).ActionCount);
            Assert.AreEqual(8, ActionConfigParser.Parse(DefaultActionConfig.TextStm32F769).ActionCount);
        }
    }
}
