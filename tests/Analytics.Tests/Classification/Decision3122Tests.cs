using DiaBan.Analytics.Classification;

namespace DiaBan.Analytics.Tests.Classification;

/// <summary>
/// Decision 3122/2010/QĐ-BCA: type I by any one of ≥ 100 addicts with records, ≥ 5 hotspots, ≥ 2,000 m² of plants
/// (confirmed); types II and III and "no drug vice" are flagged provisional readings.
/// </summary>
public class Decision3122Tests
{
    private static readonly RuleSet Rules = ShippedRuleSets.Decision3122;

    [Theory]
    [InlineData(99, 0, 0, false)]
    [InlineData(100, 0, 0, true)]
    [InlineData(101, 0, 0, true)]
    [InlineData(0, 4, 0, false)]
    [InlineData(0, 5, 0, true)]
    [InlineData(0, 6, 0, true)]
    [InlineData(0, 0, 1999.9, false)]
    [InlineData(0, 0, 2000, true)]
    [InlineData(0, 0, 2000.1, true)]
    public void Type_I_needs_any_one_criterion(int addicts, int hotspots, double m2, bool typeI)
    {
        var figures = Commune.Quiet() with { UsersAddictsManaged = addicts, Hotspots = hotspots, PlantsDestroyedM2 = m2 };

        var result = StatusClassifier.Classify(Rules, figures);

        Assert.Equal(typeI, result.Status == CommuneStatus.KeyTypeI);
        Assert.Equal(CriteriaRegime.Decision3122Of2010, result.Regime);
        // type I is the first class and all its thresholds are confirmed
        if (typeI) Assert.False(result.Provisional);
    }

    [Theory]
    [InlineData(49, CommuneStatus.KeyTypeIII)]
    [InlineData(50, CommuneStatus.KeyTypeII)]
    [InlineData(99, CommuneStatus.KeyTypeII)]
    [InlineData(100, CommuneStatus.KeyTypeI)]
    [InlineData(19, CommuneStatus.HasDrugs)]
    [InlineData(20, CommuneStatus.KeyTypeIII)]
    public void Addict_bands_of_the_provisional_type_II_and_III_readings(int addicts, CommuneStatus expected)
    {
        var result = StatusClassifier.Classify(Rules, Commune.Quiet() with { UsersAddictsManaged = addicts });

        Assert.Equal(expected, result.Status);
        Assert.Equal(expected != CommuneStatus.KeyTypeI, result.Provisional);
    }

    [Theory]
    [InlineData(2, CommuneStatus.KeyTypeIII)]
    [InlineData(3, CommuneStatus.KeyTypeII)]
    [InlineData(4, CommuneStatus.KeyTypeII)]
    [InlineData(1, CommuneStatus.KeyTypeIII)]
    public void Hotspot_bands_of_the_provisional_readings(int hotspots, CommuneStatus expected)
    {
        Assert.Equal(expected, StatusClassifier.Classify(Rules, Commune.Quiet() with { Hotspots = hotspots }).Status);
    }

    [Theory]
    [InlineData(499.9, CommuneStatus.NoDrugVice)]
    [InlineData(500, CommuneStatus.KeyTypeIII)]
    [InlineData(999.9, CommuneStatus.KeyTypeIII)]
    [InlineData(1000, CommuneStatus.KeyTypeII)]
    [InlineData(1999.9, CommuneStatus.KeyTypeII)]
    public void Plant_area_bands_of_the_provisional_readings(double m2, CommuneStatus expected)
    {
        Assert.Equal(expected, StatusClassifier.Classify(Rules, Commune.Quiet() with { PlantsDestroyedM2 = m2 }).Status);
    }

    [Fact]
    public void Type_I_takes_precedence_over_type_II_and_type_II_over_type_III()
    {
        var all = Commune.Quiet() with { UsersAddictsManaged = 120, Hotspots = 3, PlantsDestroyedM2 = 600 };

        var result = StatusClassifier.Classify(Rules, all);

        Assert.All([CommuneStatus.KeyTypeI, CommuneStatus.KeyTypeII, CommuneStatus.KeyTypeIII],
            s => Assert.True(result.Class(s).Holds));
        Assert.Equal(CommuneStatus.KeyTypeI, result.Status);
        Assert.Equal(CommuneStatus.KeyTypeII, StatusClassifier.Classify(Rules, all with { UsersAddictsManaged = 10 }).Status);
        Assert.Equal(CommuneStatus.KeyTypeIII,
            StatusClassifier.Classify(Rules, all with { UsersAddictsManaged = 10, Hotspots = 0 }).Status);
    }

    [Fact]
    public void Commune_without_addicts_or_offenders_has_no_drug_vice_which_is_not_drug_free()
    {
        var result = StatusClassifier.Classify(Rules, Commune.Quiet());

        Assert.Equal(CommuneStatus.NoDrugVice, result.Status);
        Assert.Equal("Không có tệ nạn ma túy", result.Status.VietnameseLabel());
        Assert.DoesNotContain(Rules.Classes, c => c.Status == CommuneStatus.DrugFree);
        Assert.True(result.Provisional);
    }

    [Fact]
    public void Commune_with_a_few_addicts_has_drug_vice()
    {
        var result = StatusClassifier.Classify(Rules, Commune.Quiet() with { UsersAddictsManaged = 5 });

        Assert.Equal(CommuneStatus.HasDrugs, result.Status);
        Assert.Equal("Có tệ nạn ma túy", result.StatusLabel);
    }
}
