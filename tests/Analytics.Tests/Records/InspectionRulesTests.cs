using DiaBan.Analytics.Records;

namespace DiaBan.Analytics.Tests.Records;

public class InspectionRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    [Fact]
    public void A_good_entry_is_typed_trimmed_and_its_violations_sorted_without_repeats()
    {
        var (entry, errors) = InspectionRules.Validate("2026-11-30", "surprise", "  Có người sử dụng  ",
            ["opening_hours", "drug_use_on_premises", "opening_hours"], " Công an xã ", Today);
        Assert.Empty(errors);
        Assert.NotNull(entry);
        Assert.Equal(new DateOnly(2026, 11, 30), entry.InspectedOn);
        Assert.Equal(InspectionKind.Surprise, entry.Kind);
        Assert.Equal("Có người sử dụng", entry.Findings);
        Assert.Equal([BusinessViolation.DrugUseOnPremises, BusinessViolation.OpeningHours], entry.Violations);
        Assert.Equal("Công an xã", entry.InspectingUnit);
    }

    [Theory]
    [InlineData("2026-12-01", "routine", "x", "u", InspectionRules.InspectedOn)]   // tomorrow
    [InlineData("1999-12-31", "routine", "x", "u", InspectionRules.InspectedOn)]
    [InlineData("30/11/2026", "routine", "x", "u", InspectionRules.InspectedOn)]
    [InlineData("2026-11-01", "weekly", "x", "u", InspectionRules.Kind)]
    [InlineData("2026-11-01", "routine", "   ", "u", InspectionRules.Findings)]
    [InlineData("2026-11-01", "routine", "x", "", InspectionRules.InspectingUnit)]
    public void Each_bad_field_is_named(string on, string kind, string findings, string unit, string field)
    {
        var (entry, errors) = InspectionRules.Validate(on, kind, findings, [], unit, Today);
        Assert.Null(entry);
        Assert.Equal(field, Assert.Single(errors).Field);
    }

    [Fact]
    public void An_unknown_violation_and_a_missing_reason_are_refused()
    {
        var (_, errors) = InspectionRules.Validate("2026-11-01", "routine", "x", ["jaywalking"], "u", Today);
        Assert.Equal(InspectionRules.Violations, Assert.Single(errors).Field);
        var (_, control) = InspectionRules.Validate("2026-11-01", "routine", "a" + (char)0 + "b", [], "u", Today);
        Assert.Equal(InspectionRules.Findings, Assert.Single(control).Field);
        Assert.Equal(InspectionRules.Reason, InspectionRules.CheckReason("  ")?.Field);
        Assert.Null(InspectionRules.CheckReason("Thiếu biên bản"));
    }

    [Fact]
    public void Every_violation_code_reads_back_as_itself()
    {
        foreach (var v in Enum.GetValues<BusinessViolation>())
        {
            Assert.True(InspectionRules.TryParseViolation(v.Code(), out var back));
            Assert.Equal(v, back);
            Assert.False(string.IsNullOrWhiteSpace(v.VietnameseLabel()));
        }
    }
}
