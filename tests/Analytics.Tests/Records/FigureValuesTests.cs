using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Planning.Completeness;
using DiaBan.Analytics.Records;

namespace DiaBan.Analytics.Tests.Records;

public sealed class FigureValuesTests
{
    [Fact]
    public void Reads_counts_the_area_and_the_route_and_leaves_empty_fields_unreported()
    {
        var (values, errors) = FigureValues.Parse(new Dictionary<string, string?>
        {
            ["offenders_arrested"] = " 12 ", ["plants_destroyed_m2"] = "35.5", ["on_key_route"] = "Inter", ["users_addicts_managed"] = "",
        });
        Assert.Empty(errors);
        Assert.Equal(12, values!.Numbers[IndicatorField.OffendersArrested]);
        Assert.Equal(35.5, values.Numbers[IndicatorField.PlantsDestroyedM2]);
        Assert.Equal("inter", values.OnKeyRoute);
        Assert.False(values.Numbers.ContainsKey(IndicatorField.UsersAddictsManaged));
        Assert.Equal(IndicatorField.OffendersArrested | IndicatorField.PlantsDestroyedM2 | IndicatorField.OnKeyRoute, values.Present);
        Assert.Equal("12", values.AsText()["offenders_arrested"]);
    }

    [Theory]
    [InlineData("offenders_arrested", "-1")]
    [InlineData("offenders_arrested", "1.5")]
    [InlineData("offenders_arrested", "NaN")]
    [InlineData("plants_destroyed_m2", "-0.5")]
    [InlineData("on_key_route", "yes")]
    [InlineData("unknown_column", "1")]
    public void Refuses_a_bad_value_naming_its_field(string field, string value)
    {
        var (values, errors) = FigureValues.Parse(new Dictionary<string, string?> { [field] = value, ["hotspots"] = "1" });
        Assert.Null(values);
        Assert.Equal(field, Assert.Single(errors).Field);
    }

    [Theory]
    [InlineData("2026", "2027-01-15")]
    [InlineData("2026H1", "2026-07-15")]
    [InlineData("2026Q3", "2026-10-15")]
    [InlineData("2026-02", "2026-03-15")]
    public void A_period_is_due_on_the_15th_of_the_month_after_it(string period, string due)
    {
        var p = ReportPeriod.Parse(period);
        Assert.Equal(DateOnly.Parse(due), ReportingDeadline.For(p));
        Assert.Equal(Timeliness.OnTime, ReportingDeadline.Judge(p, DateOnly.Parse(due), DateOnly.Parse(due).AddDays(30)));
        Assert.Equal(Timeliness.Late, ReportingDeadline.Judge(p, DateOnly.Parse(due).AddDays(1), DateOnly.Parse(due).AddDays(30)));
        Assert.Equal(Timeliness.NotDue, ReportingDeadline.Judge(p, null, DateOnly.Parse(due)));
        Assert.Equal(Timeliness.NotReceived, ReportingDeadline.Judge(p, null, DateOnly.Parse(due).AddDays(1)));
    }
}
