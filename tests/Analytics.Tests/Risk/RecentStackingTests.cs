using DiaBan.Analytics.Risk.Learning;

namespace DiaBan.Analytics.Tests.Risk;

public class RecentStackingTests
{
    [Fact]
    public void Logistic_part_recovers_the_group_proportions_of_one_binary_score()
    {
        // Score 0: 5 of 20 positive, score 1: 15 of 20. The MLE fits each group's share: σ(w₀) = 0.25, σ(w₀ + w₁) = 0.75
        // (the ridge shrinks w₁ by about λ·w₁ / information ≈ 0.01, hence the tolerance).
        var score = Enumerable.Range(0, 40).Select(i => i < 20 ? 0.0 : 1.0).ToArray();
        var label = Enumerable.Range(0, 40).Select(i => i < 20 ? i < 5 : i < 35).ToArray();
        var zeros = new double[40];
        var stack = RecentStacking.Fit(score, zeros, label, zeros, zeros);
        Assert.InRange(stack.Probability(0, 0), 0.25 - 0.01, 0.25 + 0.01);
        Assert.InRange(stack.Probability(1, 0), 0.75 - 0.01, 0.75 + 0.01);
    }

    [Fact]
    public void Logistic_part_leans_on_the_recent_mean_when_the_trees_carry_no_signal()
    {
        var random = new Random(3);
        var mean4 = Enumerable.Range(0, 400).Select(_ => 3 * random.NextDouble()).ToArray();
        var label = mean4.Select(m => random.NextDouble() < 1 - Math.Exp(-m)).ToArray();
        var flat = new double[400];
        var stack = RecentStacking.Fit(flat, mean4, label, flat, flat);
        Assert.True(stack.Weights[2] > 0, $"weight on ln(1 + mean) {stack.Weights[2]}");
        Assert.True(stack.Probability(0, 2.5) > stack.Probability(0, 0.2));
    }

    [Theory]
    [InlineData(1.0, 0.0, 1.0)]   // outcome equals the trees' count: b = 1
    [InlineData(0.0, 1.0, 0.0)]   // outcome equals the 4-quarter mean: b = 0
    [InlineData(0.5, 0.5, 0.5)]   // outcome halfway: deviance 0 exactly at b = 0.5
    public void Count_blend_is_the_poisson_deviance_minimiser(double treeShare, double meanShare, double expected)
    {
        var trees = new[] { 1.0, 4.0, 0.5, 2.0, 6.0 };
        var mean4 = new[] { 3.0, 1.0, 2.5, 0.0, 2.0 };
        var count = trees.Select((t, i) => treeShare * t + meanShare * mean4[i]).ToArray();
        Assert.Equal(expected, RecentStacking.Blend(trees, mean4, count), 9);
        var stack = new RecentStacking([0, 0, 0], expected);
        Assert.Equal(count[1], stack.ExpectedCount(trees[1], mean4[1]), 9);
    }
}
