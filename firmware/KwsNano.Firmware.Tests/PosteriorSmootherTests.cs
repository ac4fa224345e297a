using nanoFramework.TestFramework;
using KwsNano.Firmware;

namespace KwsNano.Firmware.Tests
{
    [TestClass]
    public class PosteriorSmootherTests
    {
        [TestMethod]
        public void AveragesOverAvailableInferencesBeforeTheWindowIsFull()
        {
            PosteriorSmoother s = new PosteriorSmoother(2, 3);
            float[] r = s.Add(new float[] { 1.0f, 0.0f });
            Assert.AreEqual(1.0f, r[0]);
            r = s.Add(new float[] { 0.0f, 1.0f });
            Assert.AreEqual(0.5f, r[0]);
            Assert.AreEqual(0.5f, r[1]);
            Assert.AreEqual(2, s.Count);
        }

        [TestMethod]
        public void DropsTheOldestInferenceOnceTheWindowIsFull()
        {
            PosteriorSmoother s = new PosteriorSmoother(1, 2);
            s.Add(new float[] { 0.2f });
            s.Add(new float[] { 0.4f });
            float[] r = s.Add(new float[] { 0.8f });
            Assert.IsTrue(r[0] > 0.5999f && r[0] < 0.6001f, "mean of 0.4 and 0.8");
            Assert.AreEqual(2, s.Count);
        }

        [TestMethod]
        public void ResetForgetsHistory()
        {
            PosteriorSmoother s = new PosteriorSmoother(1, 4);
            s.Add(new float[] { 1.0f });
            s.Add(new float[] { 1.0f });
            s.Reset();
            float[] r = s.Add(new float[] { 0.0f });
            Assert.AreEqual(0.0f, r[0]);
            Assert.AreEqual(1, s.Count);
        }

        [TestMethod]
        [DataRow(0)]
        [DataRow(-3)]
        public void RejectsAWindowBelowOne(int window)
        {
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => { new PosteriorSmoother(3, window); });
        }
    }
}
