using DiaBan.Analytics.Risk;

namespace DiaBan.Analytics.Tests.Risk;

public class DiscoveryEffortTests
{
    // Reported ~ Poisson(rλ), patrol finds ~ Poisson((1 − r)(1 − e^(−γe))λ): then c = (1 − r)/r and γ is the sweep rate.
    private static (double[,] Reported, double[,] Patrol, double[,] Days) Simulate(double r, double gamma, int seed)
    {
        const int units = 400, quarters = 12;
        var random = new Random(seed);
        var reported = new double[units, quarters];
        var patrol = new double[units, quarters];
        var days = new double[units, quarters];
        for (int u = 0; u < units; u++)
        {
            double lambda = 0.5 + 4 * random.NextDouble();
            for (int t = 0; t < quarters; t++)
            {
                days[u, t] = 60 * random.NextDouble();
                reported[u, t] = Poisson(random, r * lambda);
                patrol[u, t] = Poisson(random, (1 - r) * (1 - Math.Exp(-gamma * days[u, t])) * lambda);
            }
        }
        return (reported, patrol, days);
    }

    private static int Poisson(Random random, double mean)
    {
        double limit = Math.Exp(-mean), product = random.NextDouble();
        int k = 0;
        for (; product > limit; k++) product *= random.NextDouble();
        return k;
    }

    [Fact]
    public void Recovers_the_reporting_ratio_and_sweep_rate_it_was_simulated_with()
    {
        var (reported, patrol, days) = Simulate(r: 0.25, gamma: 0.05, seed: 11);
        var effort = DiscoveryEffort.Fit(reported, patrol, days);
        Assert.InRange(effort.C(11), 3 * 0.85, 3 * 1.15);            // (1 − 0.25) / 0.25 = 3
        Assert.InRange(effort.Gamma(11), 0.05 / 1.3, 0.05 * 1.3);     // grid step is a factor 10^0.1 ≈ 1.26
        // At 20 patrol-days the recorded count is m = 1 + 3(1 − e^(−1)) ≈ 2.90 times the reported count.
        Assert.InRange(effort.Multiplier(11, 20), 2.9 * 0.9, 2.9 * 1.1);
    }

    [Fact]
    public void No_patrol_finds_means_no_adjustment()
    {
        var (reported, _, days) = Simulate(r: 0.5, gamma: 0.05, seed: 2);
        var effort = DiscoveryEffort.Fit(reported, new double[400, 12], days);
        Assert.Equal(1, effort.Multiplier(11, 30), 12);
    }

    [Fact]
    public void Patrol_finds_without_recorded_exposure_mean_no_adjustment()
    {
        // The demo records no patrol-days: finds cannot be tied to effort, so the guard must leave counts as recorded.
        var (reported, patrol, _) = Simulate(r: 0.5, gamma: 0.05, seed: 5);
        var effort = DiscoveryEffort.Fit(reported, patrol, new double[400, 12]);
        for (int t = 0; t < 12; t++) Assert.Equal(0, effort.C(t));
        Assert.Equal(1, effort.Multiplier(11, 30), 12);
    }

    [Fact]
    public void Each_quarters_fit_uses_only_that_quarter_and_earlier()
    {
        var (reported, patrol, days) = Simulate(r: 0.3, gamma: 0.08, seed: 4);
        var before = DiscoveryEffort.Fit(reported, patrol, days);
        for (int u = 0; u < 400; u++) patrol[u, 11] *= 3;
        var after = DiscoveryEffort.Fit(reported, patrol, days);
        Assert.Equal(before.C(10), after.C(10));
        Assert.Equal(before.Gamma(10), after.Gamma(10));
        Assert.NotEqual(before.C(11), after.C(11));
    }
}
