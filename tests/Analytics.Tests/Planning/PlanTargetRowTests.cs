using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Planning;

namespace DiaBan.Analytics.Tests.Planning;

public class PlanTargetRowTests
{
    internal static IReadOnlyDictionary<string, string?> Row(PlanTarget target) => PlanTargetRow.Fields(target);

    private static Dictionary<string, string?> Valid() => new()
    {
        ["scope_level"] = "province", ["scope_codes"] = "96", ["year"] = "2026", ["indicator"] = "drug_free_communes",
        ["comparison"] = "share", ["direction"] = ">=", ["value"] = "30%",
        ["legal_basis"] = "Kế hoạch 107/KH-UBND ngày 12/2/2026", ["document_number"] = "107/KH-UBND",
    };

    private static Dictionary<string, string?> With(string field, string? value)
    {
        var row = Valid();
        row[field] = value;
        return row;
    }

    private static FieldError SingleError(Dictionary<string, string?> row)
    {
        var result = PlanTargetRow.Validate(row);
        Assert.False(result.IsValid);
        Assert.Null(result.Target);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void A_valid_row_becomes_a_target()
    {
        var result = PlanTargetRow.Validate(Valid());

        Assert.True(result.IsValid);
        Assert.Empty(result.Errors);
        var t = result.Target!;
        Assert.Equal(TargetScope.Province("96"), t.Scope);
        Assert.Equal((2026, PlanIndicator.DrugFreeCommunes, TargetComparison.Share, TargetDirection.AtLeast, 30.0),
            (t.Year, t.Indicator, t.Comparison, t.Direction, t.Value));
        Assert.Equal("107/KH-UBND", t.DocumentNumber);
    }

    [Fact]
    public void A_commune_list_and_a_key_type_are_read()
    {
        var row = Valid();
        row["scope_level"] = "communes";
        row["scope_codes"] = " 31117; 31120 31123 ";
        row["indicator"] = "key_communes";
        row["key_type"] = "key_type_ii";
        row["comparison"] = "percent_change";
        row["direction"] = "at_most";
        row["value"] = "-10.5";

        var t = PlanTargetRow.Validate(row).Target!;

        Assert.Equal(["31117", "31120", "31123"], t.Scope.Codes);
        Assert.Equal(CommuneStatus.KeyTypeII, t.KeyType);
        Assert.Equal(-10.5, t.Value);
    }

    [Theory]
    [InlineData("scope_level", "region", "scope_level")]
    [InlineData("scope_codes", "", "scope_codes")]
    [InlineData("scope_codes", "96;97", "scope_codes")]
    [InlineData("scope_codes", "9<6", "scope_codes")]
    [InlineData("year", "26", "year")]
    [InlineData("year", "2026.5", "year")]
    [InlineData("indicator", "drugfree", "indicator")]
    [InlineData("key_type", "key_type_i", "key_type")]
    [InlineData("comparison", "ratio", "comparison")]
    [InlineData("direction", "more", "direction")]
    [InlineData("value", "", "value")]
    [InlineData("value", "20,5", "value")]
    [InlineData("value", "abc", "value")]
    [InlineData("value", "NaN", "value")]
    [InlineData("value", "101", "value")]
    [InlineData("value", "-1", "value")]
    [InlineData("legal_basis", "  ", "legal_basis")]
    [InlineData("document_number", null, "document_number")]
    public void Each_bad_field_is_named(string field, string? value, string expectedField)
    {
        var error = SingleError(With(field, value));

        Assert.Equal(expectedField, error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Rules_across_fields_name_the_field_to_fix()
    {
        var keyWithoutType = With("indicator", "key_communes");
        Assert.Equal("key_type", SingleError(keyWithoutType).Field);

        var arrestShare = With("indicator", "arrests");
        Assert.Equal("comparison", SingleError(arrestShare).Field);

        var percentOnAbsolute = With("comparison", "absolute");
        Assert.Equal("value", SingleError(percentOnAbsolute).Field);

        var fallTooFar = With("comparison", "percent_change");
        fallTooFar["value"] = "-101";
        Assert.Equal("value", SingleError(fallTooFar).Field);
    }

    [Fact]
    public void Every_error_of_a_row_is_reported_not_just_the_first()
    {
        var row = Valid();
        row["year"] = "x";
        row["direction"] = "?";
        row.Remove("legal_basis");

        var fields = PlanTargetRow.Validate(row).Errors.Select(e => e.Field).ToList();

        Assert.Equal(["year", "direction", "legal_basis"], fields);
    }

    [Fact]
    public void The_importer_prints_file_row_field_and_what_is_wrong()
    {
        var error = SingleError(With("year", "26"));

        Assert.StartsWith("targets.csv:7:year: '26'", error.Format("targets.csv", 7));
    }

    [Fact]
    public void The_header_check_names_missing_and_unknown_columns()
    {
        var errors = PlanTargetRow.CheckHeader(["scope_level", "scope_codes", "year", "indicator", "comparison", "direction", "value", "legal_basis", "target"]);

        Assert.Equal(["document_number", "target"], errors.Select(e => e.Field));
        Assert.Empty(PlanTargetRow.CheckHeader(PlanTargetRow.Columns));
    }
}
