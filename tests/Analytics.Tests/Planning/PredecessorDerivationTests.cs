using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Planning;
using static DiaBan.Analytics.Classification.CommuneStatus;

namespace DiaBan.Analytics.Tests.Planning;

public class PredecessorDerivationTests
{
    private static PredecessorStatus P(string code, CommuneStatus? status, int? population = 1_000, double share = 1) =>
        new(code, status, share, share, population, null);

    [Fact]
    public void Worst_takes_the_most_severe_predecessor()
    {
        var derived = PredecessorDerivation.Derive([P("a", DrugFree), P("b", KeyTypeII), P("c", HasDrugs)], PredecessorRule.Worst);

        Assert.Equal(KeyTypeII, derived.Status);
        Assert.Null(derived.Note);
    }

    [Fact]
    public void Worst_with_an_unassessed_predecessor_is_undetermined_unless_the_known_worst_is_already_type_I()
    {
        var open = PredecessorDerivation.Derive([P("a", KeyTypeII), P("b", null)], PredecessorRule.Worst);
        var decided = PredecessorDerivation.Derive([P("a", KeyTypeI), P("b", null)], PredecessorRule.Worst);

        Assert.Null(open.Status);
        Assert.NotNull(open.Note);
        Assert.Equal(KeyTypeI, decided.Status);
    }

    [Fact]
    public void Population_weighted_takes_the_status_with_the_largest_population_times_share()
    {
        // drug-free: 6,000 × 1 = 6,000; type III: 4,000 + 10,000 × 0.3 = 7,000
        var derived = PredecessorDerivation.Derive(
            [P("a", DrugFree, 6_000), P("b", KeyTypeIII, 4_000), P("c", KeyTypeIII, 10_000, 0.3)],
            PredecessorRule.PopulationWeighted);

        Assert.Equal(KeyTypeIII, derived.Status);
        Assert.Equal([6_000, 4_000, 3_000], derived.Predecessors.Select(p => p.Weight!.Value));
    }

    [Fact]
    public void Population_weighted_tie_goes_to_the_worse_status()
    {
        var derived = PredecessorDerivation.Derive([P("a", DrugFree, 5_000), P("b", HasDrugs, 5_000)], PredecessorRule.PopulationWeighted);

        Assert.Equal(HasDrugs, derived.Status);
    }

    [Theory]
    // winner 7,000 vs has_drugs 2,000 + unknown: decided below 5,000 of unknown weight, open at it (a tie would go to the worse)
    [InlineData(4_999, DrugFree)]
    [InlineData(5_000, null)]
    [InlineData(6_000, null)]
    public void Population_weighted_is_decided_only_when_the_unknown_weight_cannot_overturn_it(int unknown, CommuneStatus? expected)
    {
        var derived = PredecessorDerivation.Derive(
            [P("a", DrugFree, 7_000), P("b", HasDrugs, 2_000), P("c", null, unknown)], PredecessorRule.PopulationWeighted);

        Assert.Equal(expected, derived.Status);
    }

    [Fact]
    public void Population_weighted_without_a_population_falls_back_to_worst_and_says_so()
    {
        var derived = PredecessorDerivation.Derive([P("a", DrugFree, 9_000), P("b", HasDrugs, null)], PredecessorRule.PopulationWeighted);

        Assert.Equal(PredecessorRule.Worst, derived.Rule);
        Assert.Equal(HasDrugs, derived.Status);
        Assert.Contains("worst", derived.Note);
    }

    [Fact]
    public void No_predecessor_is_an_error()
    {
        Assert.Throws<ArgumentException>(() => PredecessorDerivation.Derive([], PredecessorRule.Worst));
    }
}
