using nanoFramework.TestFramework;
using KwsNano.Firmware;

namespace KwsNano.Firmware.Tests
{
    [TestClass]
    public class IntervalPlannerTests
    {
        // hop 20 ms, budget 70 %: N hops give 14,000 x N us for N x frontend + one inference
        [TestMethod]
        [DataRow(500, 5000, 1)]       // fast board: 5.5 ms of 14 ms
        [DataRow(0, 14000, 1)]        // exactly the budget still fits
        [DataRow(0, 14001, 2)]        // one microsecond more needs a second hop
        [DataRow(500, 120000, 9)]     // 8 x 14,000 = 112,000 < 124,000; 9 x 14,000 = 126,000 >= 124,500
        [DataRow(0, 100000, 8)]       // 7 x 14,000 = 98,000 < 100,000
        [DataRow(14000, 1000, 49)]    // the front-end alone eats the budget: no interval fits, the largest is returned
        public void ChoosesTheSmallestIntervalThatFits(int frontendUs, int networkUs, int expected)
        {
            int n = IntervalPlanner.Choose(20000, frontendUs, networkUs, 49);
            Assert.AreEqual(expected, n);
            if (expected < 49)
            {
                Assert.IsTrue(IntervalPlanner.Fits(n, 20000, frontendUs, networkUs));
                Assert.IsFalse(n > 1 && IntervalPlanner.Fits(n - 1, 20000, frontendUs, networkUs));
            }
        }

        [TestMethod]
        public void ReportsWhenNothingFits()
        {
            Assert.IsFalse(IntervalPlanner.Fits(49, 20000, 14000, 1000));
            Assert.AreEqual(25, IntervalPlanner.Choose(20000, 0, 10000000, 25));
            Assert.IsFalse(IntervalPlanner.Fits(25, 20000, 0, 10000000));
            Assert.AreEqual(1, IntervalPlanner.Choose(20000, 0, 0, 0));
        }

        [TestMethod]
        [DataRow(5, 1, 5)]
        [DataRow(5, 2, 3)]
        [DataRow(5, 5, 1)]
        [DataRow(5, 7, 1)]
        [DataRow(25, 8, 4)]
        [DataRow(1, 1, 1)]
        [DataRow(5, 0, 5)]
        public void SmoothingCoversTheSameHops(int hops, int interval, int expected)
        {
            Assert.AreEqual(expected, IntervalPlanner.SmoothingInferences(hops, interval));
        }
    }
}
