using DiaBan.Analytics.Planning;

namespace DiaBan.Analytics.Tests.Planning;

public class PlanTargetCatalogTests
{
    private static readonly TargetScope Province = TargetScope.Province("96");

    [Fact]
    public void The_drug_free_milestones_of_DOMAIN_section_3_are_seeded_for_their_years()
    {
        var targets = PlanTargetCatalog.Domain(Province, 2025, 2030);

        var drugFree = targets.Where(t => t.Indicator == PlanIndicator.DrugFreeCommunes).ToDictionary(t => t.Year, t => t.Value);
        Assert.Equal(new Dictionary<int, double> { [2025] = 20, [2026] = 30, [2030] = 50 }, drugFree);
        Assert.All(targets.Where(t => t.Indicator == PlanIndicator.DrugFreeCommunes), t =>
        {
            Assert.Equal(TargetComparison.Share, t.Comparison);
            Assert.Equal(TargetDirection.AtLeast, t.Direction);
        });
    }

    [Fact]
    public void Yearly_indicators_are_seeded_every_year_with_their_direction_and_sign()
    {
        var targets = PlanTargetCatalog.Domain(Province, 2026, 2027);

        foreach (var year in new[] { 2026, 2027 })
        {
            var ofYear = targets.Where(t => t.Year == year).ToDictionary(t => t.Indicator);
            Assert.Equal((TargetComparison.PercentChange, TargetDirection.AtMost, -5.0), Shape(ofYear[PlanIndicator.CommunesWithDrugs]));
            Assert.Equal((TargetComparison.PercentChange, TargetDirection.AtLeast, 5.0), Shape(ofYear[PlanIndicator.Arrests]));
            Assert.Equal((TargetComparison.Share, TargetDirection.AtLeast, 5.0), Shape(ofYear[PlanIndicator.SpotsEliminated]));
            Assert.Equal((TargetComparison.Share, TargetDirection.AtLeast, 90.0), Shape(ofYear[PlanIndicator.TipsResolved]));
        }
    }

    [Fact]
    public void Every_seeded_target_is_scoped_cites_its_instrument_and_DOMAIN_and_passes_the_row_validation()
    {
        var targets = PlanTargetCatalog.Domain(Province, 2025, 2030);

        Assert.All(targets, t =>
        {
            Assert.Equal(Province, t.Scope);
            Assert.False(string.IsNullOrWhiteSpace(t.LegalBasis));
            Assert.False(string.IsNullOrWhiteSpace(t.DocumentNumber));
            Assert.StartsWith("DOMAIN.md §3", t.Note);
            var row = PlanTargetRow.Validate(PlanTargetRowTests.Row(t));
            Assert.True(row.IsValid, string.Join("; ", row.Errors));
            Assert.Equal(t, row.Target);
        });
    }

    private static (TargetComparison, TargetDirection, double) Shape(PlanTarget t) => (t.Comparison, t.Direction, t.Value);
}
