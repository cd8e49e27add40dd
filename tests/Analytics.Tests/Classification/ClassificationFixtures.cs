using DiaBan.Analytics.Classification;

namespace DiaBan.Analytics.Tests.Classification;

/// <summary>Figures and rule sets the classification tests start from.</summary>
internal static class Commune
{
    /// <summary>A commune of 10,000 residents with nothing drug-related reported, off any key route.</summary>
    public static IndicatorFigures Quiet(int population = 10_000) => new()
    {
        UnitCode = "90001",
        Year = 2026,
        PopulationResident = population,
        UsersAddictsManaged = 0,
        HarbouringPlacesActiveAtEnd = 0,
        HarbouringPlacesDetectedInPeriod = 0,
        OffendersArrested = 0,
        PlantsDestroyedCount = 0,
        PlantsDestroyedM2 = 0,
        OnKeyRoute = false,
        Hotspots = 0,
    };
}

internal static class ShippedRuleSets
{
    public static RuleSet Decision28 => RuleSetCatalog.Embedded.Find("decision-28-2025")!;
    public static RuleSet Decision3122 => RuleSetCatalog.Embedded.Find("decision-3122-2010")!;
}

internal static class ResultExtensions
{
    public static CriterionEvaluation Criterion(this StatusAssessmentResult result, CommuneStatus cls, string code) =>
        result.Criteria.Single(c => c.ClassStatus == cls && c.Code == code);

    public static ClassEvaluation Class(this StatusAssessmentResult result, CommuneStatus cls) =>
        result.Classes.Single(c => c.Status == cls);
}
