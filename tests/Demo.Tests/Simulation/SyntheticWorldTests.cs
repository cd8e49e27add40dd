using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Risk;
using DiaBan.Demo.Simulation;

namespace DiaBan.Demo.Tests.Simulation;

public class SyntheticWorldTests
{
    private static SyntheticWorld World(int seed = 4) =>
        SyntheticWorld.Create(new SyntheticPanelOptions { Units = 100, Quarters = 16, Seed = seed });

    private static int Recorded(UnitQuarterPanel p, DiscoverySource source)
    {
        int total = 0;
        for (int u = 0; u < p.UnitCount; u++)
            for (int t = 0; t < p.QuarterCount; t++)
                foreach (var kind in IncidentKinds.Offences) total += p.Count(u, t, kind, source);
        return total;
    }

    [Fact]
    public void Same_seed_same_world_other_seed_other_world()
    {
        var a = World().Observe().Panel;
        var b = World().Observe().Panel;
        Assert.Equal(a.Counts.Cast<int>(), b.Counts.Cast<int>());
        Assert.NotEqual(a.Counts.Cast<int>(), World(5).Observe().Panel.Counts.Cast<int>());
        a.Validate();
    }

    [Fact]
    public void More_patrol_finds_more_while_reports_stay_the_same()
    {
        var world = World();
        var light = new double[100, 16];
        var heavy = new double[100, 16];
        for (int u = 0; u < 100; u++)
            for (int t = 0; t < 16; t++) (light[u, t], heavy[u, t]) = (1, 40);
        var few = world.Observe(light).Panel;
        var many = world.Observe(heavy).Panel;
        Assert.Equal(Recorded(few, DiscoverySource.Reported), Recorded(many, DiscoverySource.Reported));
        Assert.True(Recorded(many, DiscoverySource.Patrol) > 5 * Recorded(few, DiscoverySource.Patrol));
    }

    [Fact]
    public void Risk_is_spatially_clustered_and_persistent()
    {
        var world = World();
        var logMean = Enumerable.Range(0, 100).Select(u => Enumerable.Range(0, 16).Average(t => Math.Log(world.TrueRate[u, t]))).ToArray();
        var neighbourMean = Enumerable.Range(0, 100).Select(u => world.Neighbours[u].Average(j => logMean[j])).ToArray();
        Assert.True(Pearson(logMean, neighbourMean) > 0.4);
        var now = Enumerable.Range(0, 100).Select(u => Math.Log(world.TrueRate[u, 8])).ToArray();
        var next = Enumerable.Range(0, 100).Select(u => Math.Log(world.TrueRate[u, 9])).ToArray();
        Assert.True(Pearson(now, next) > 0.8);
        Assert.InRange(Enumerable.Range(0, 100).SelectMany(u => Enumerable.Range(0, 16).Select(t => world.TrueRate[u, t])).Average(), 1.19, 1.21);
    }

    [Fact]
    public void Points_fall_near_their_commune_and_sum_to_the_counts()
    {
        var observed = World().Observe();
        Assert.Equal(observed.Panel.Counts.Cast<int>().Sum(), observed.Points.Count);
        Assert.Equal(observed.Panel.Counts, UnitQuarterPanel.Tally(100, observed.Panel.Quarters, observed.Points));
        var centre = observed.Centroids[0];
        var own = observed.Points.Where(p => p.Unit == 0).ToArray();
        Assert.All(own, p => Assert.True(Math.Abs(p.X - centre.X) < 10_000 && Math.Abs(p.Y - centre.Y) < 10_000));
    }

    [Fact]
    public void Spearman_handles_ties_with_mid_ranks()
    {
        Assert.Equal(1, RankCorrelation.Spearman([1, 2, 3], [10, 20, 30]), 12);
        Assert.Equal(-1, RankCorrelation.Spearman([1, 2, 3], [3, 2, 1]), 12);
        Assert.Equal([1.5, 1.5, 3], RankCorrelation.MidRanks([7, 7, 9]));
    }

    private static double Pearson(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average();
        double sab = a.Zip(b).Sum(x => (x.First - ma) * (x.Second - mb));
        return sab / Math.Sqrt(a.Sum(x => (x - ma) * (x - ma)) * b.Sum(x => (x - mb) * (x - mb)));
    }
}
