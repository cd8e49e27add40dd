using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Planning.Completeness;
using DiaBan.Analytics.Tests.Classification;
using static DiaBan.Analytics.Classification.IndicatorField;

namespace DiaBan.Analytics.Tests.Planning.Completeness;

public class DataCompletenessTests
{
    [Fact]
    public void Decision_28_reads_population_users_places_offenders_plants_and_the_route_but_not_hotspots()
    {
        var required = RequiredFields.Of(ShippedRuleSets.Decision28);

        Assert.Equal(PopulationResident | UsersAddictsManaged | HarbouringPlacesDetectedInPeriod | OffendersArrested
                     | PlantsDestroyedCount | PlantsDestroyedM2 | OnKeyRoute, required);
        Assert.Equal(UsersAddictsManaged | Hotspots | PlantsDestroyedM2 | OffendersArrested, RequiredFields.Of(ShippedRuleSets.Decision3122));
    }

    [Theory]
    [InlineData("2025-01-15", null, Timeliness.OnTime)]
    [InlineData("2025-01-16", null, Timeliness.Late)]
    [InlineData(null, "2025-01-15", Timeliness.NotDue)]
    [InlineData(null, "2025-01-16", Timeliness.NotReceived)]
    public void Figures_for_2024_are_due_on_15_January_2025(string? received, string? today, Timeliness expected)
    {
        var day = today is null ? new DateOnly(2026, 6, 1) : DateOnly.Parse(today);

        Assert.Equal(expected, ReportingDeadline.Judge(2024, received is null ? null : DateOnly.Parse(received), day));
    }

    [Fact]
    public void An_area_counts_each_required_figure_of_each_commune_once_and_its_communes_on_time()
    {
        CommuneFigures[] communes =
        [
            new("A1", "Xã A1", "D1", "Huyện 1", UsersAddictsManaged | OffendersArrested, UsersAddictsManaged | OffendersArrested | Hotspots, Timeliness.OnTime),
            new("A2", "Xã A2", "D1", "Huyện 1", UsersAddictsManaged | OffendersArrested, None, Timeliness.NotReceived),
            new("B1", "Xã B1", "D2", "Huyện 2", UsersAddictsManaged | OffendersArrested, OffendersArrested, Timeliness.Late),
        ];

        var report = DataCompletenessCalculator.Report(2024, "99", "Tỉnh", communes);

        // 3 of 6 required figures present; the extra hotspot count of A1 is not required and does not count
        Assert.Equal((6, 3, 0.5), (report.Total.Required, report.Total.Present, report.Total.Share));
        Assert.Equal((1, 1, 1), (report.Total.OnTime, report.Total.Late, report.Total.NotReceived));
        Assert.Equal(["D1", "D2"], report.Areas.Select(a => a.Code));
        Assert.Equal(0.5, report.Areas[0].Share);
        Assert.Equal(["users_addicts_managed"], report.Communes.Single(c => c.Code == "B1").Missing);
        Assert.Equal(1.0, report.Communes.Single(c => c.Code == "A1").Share);
    }

    [Fact]
    public void A_commune_with_nothing_required_has_no_share_rather_than_a_full_one()
    {
        var c = DataCompletenessCalculator.Commune(new("A1", "Xã A1", "D1", "Huyện 1", None, None, Timeliness.NotReceived));

        Assert.Null(c.Share);
    }
}
