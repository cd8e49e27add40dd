using DiaBan.Analytics.Classification;

namespace DiaBan.Analytics.Tests.Classification;

/// <summary>Decision 28/2025 type I: at least 3 of a, b, c, d, đ (DOMAIN.md §1.3, all thresholds confirmed).</summary>
public class Decision28TypeITests
{
    private static readonly RuleSet Rules = ShippedRuleSets.Decision28;

    [Fact]
    public void Commune_with_two_harbouring_places_high_user_rate_and_high_arrest_rate_is_type_I()
    {
        var figures = Commune.Quiet() with { HarbouringPlacesDetectedInPeriod = 2, UsersAddictsManaged = 60, OffendersArrested = 12 };

        var result = StatusClassifier.Classify(Rules, figures);

        Assert.Equal(CommuneStatus.KeyTypeI, result.Status);
        Assert.False(result.Provisional);
        Assert.True(result.Determined);
        Assert.Equal(3, result.Class(CommuneStatus.KeyTypeI).HeldCount);
    }

    [Fact]
    public void Commune_with_two_harbouring_places_and_high_user_rate_is_not_type_I_off_a_key_route()
    {
        var figures = Commune.Quiet() with { HarbouringPlacesDetectedInPeriod = 2, UsersAddictsManaged = 60 };

        var result = StatusClassifier.Classify(Rules, figures);

        Assert.NotEqual(CommuneStatus.KeyTypeI, result.Status);
        Assert.Equal(2, result.Class(CommuneStatus.KeyTypeI).HeldCount);
        Assert.False(result.Class(CommuneStatus.KeyTypeI).Holds);
    }

    [Fact]
    public void Commune_with_two_harbouring_places_and_high_user_rate_on_a_key_route_is_type_I_provisionally()
    {
        var figures = Commune.Quiet() with { HarbouringPlacesDetectedInPeriod = 2, UsersAddictsManaged = 60, OnKeyRoute = true };

        var result = StatusClassifier.Classify(Rules, figures);

        Assert.Equal(CommuneStatus.KeyTypeI, result.Status);
        var route = result.Criterion(CommuneStatus.KeyTypeI, "đ");
        Assert.True(route.Held);
        Assert.Equal(["a", "b"], route.Route!.HeldCodes);
        // the type referenced by đ is not confirmed, and type I rests on đ here
        Assert.True(route.Provisional);
        Assert.True(result.Provisional);
    }

    // users per 10,000 residents against 0.5 %: 49 below, 50 exactly at, 51 above
    [Theory]
    [InlineData(49, false)]
    [InlineData(50, true)]
    [InlineData(51, true)]
    public void Criterion_a_user_rate_of_half_a_percent(int users, bool typeI)
    {
        var figures = Commune.Quiet() with { UsersAddictsManaged = users, HarbouringPlacesDetectedInPeriod = 2, OffendersArrested = 10 };
        AssertTypeI(figures, "a", typeI);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    public void Criterion_b_two_harbouring_places(int places, bool typeI)
    {
        var figures = Commune.Quiet() with { HarbouringPlacesDetectedInPeriod = places, UsersAddictsManaged = 50, OffendersArrested = 10 };
        AssertTypeI(figures, "b", typeI);
    }

    // arrested offenders per 10,000 residents against 0.1 %
    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    [InlineData(11, true)]
    public void Criterion_c_arrest_rate_of_a_tenth_of_a_percent(int offenders, bool typeI)
    {
        var figures = Commune.Quiet() with { OffendersArrested = offenders, UsersAddictsManaged = 50, HarbouringPlacesDetectedInPeriod = 2 };
        AssertTypeI(figures, "c", typeI);
    }

    [Theory]
    [InlineData(2999, 0, false)]
    [InlineData(3000, 0, true)]
    [InlineData(3001, 0, true)]
    [InlineData(0, 749.9, false)]
    [InlineData(0, 750, true)]
    [InlineData(0, 750.1, true)]
    [InlineData(2999, 749.9, false)]
    public void Criterion_d_three_thousand_plants_or_750_square_metres(int plants, double m2, bool typeI)
    {
        var figures = Commune.Quiet() with
        {
            PlantsDestroyedCount = plants, PlantsDestroyedM2 = m2, UsersAddictsManaged = 50, HarbouringPlacesDetectedInPeriod = 2,
        };
        AssertTypeI(figures, "d", typeI);
    }

    [Fact]
    public void Criterion_a_is_relative_to_the_resident_population()
    {
        // 60 managed users are 0.6 % of 10,000 residents but only 0.3 % of 20,000
        var small = Commune.Quiet(10_000) with { UsersAddictsManaged = 60 };
        var large = Commune.Quiet(20_000) with { UsersAddictsManaged = 60 };

        Assert.True(StatusClassifier.Classify(Rules, small).Criterion(CommuneStatus.KeyTypeI, "a").Held);
        Assert.False(StatusClassifier.Classify(Rules, large).Criterion(CommuneStatus.KeyTypeI, "a").Held);
        Assert.Equal(0.003, StatusClassifier.Classify(Rules, large).Criterion(CommuneStatus.KeyTypeI, "a").Condition!.Input);
    }

    [Fact]
    public void Every_type_I_criterion_records_its_input_and_threshold()
    {
        var figures = Commune.Quiet() with { UsersAddictsManaged = 55, OffendersArrested = 3 };

        var a = StatusClassifier.Classify(Rules, figures).Criterion(CommuneStatus.KeyTypeI, "a").Condition!;

        Assert.Equal(Measure.UsersRate, a.Measure);
        Assert.Equal(Comparison.AtLeast, a.Op);
        Assert.Equal(0.005, a.Value);
        Assert.Equal(0.0055, a.Input!.Value, 12);
        Assert.Equal(IndicatorField.UsersAddictsManaged | IndicatorField.PopulationResident, a.Inputs);
        Assert.True(a.Confirmed);
    }

    private static void AssertTypeI(IndicatorFigures figures, string criterion, bool expected)
    {
        var result = StatusClassifier.Classify(Rules, figures);
        Assert.Equal(expected, result.Criterion(CommuneStatus.KeyTypeI, criterion).Held);
        Assert.Equal(expected, result.Status == CommuneStatus.KeyTypeI);
        // two other criteria hold, so this one decides: k-1 held is not type I
        Assert.Equal(expected ? 3 : 2, result.Class(CommuneStatus.KeyTypeI).HeldCount);
    }
}
