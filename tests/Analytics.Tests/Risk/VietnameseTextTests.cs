using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Risk;

namespace DiaBan.Analytics.Tests.Risk;

public class VietnameseTextTests
{
    [Fact]
    public void Numbers_use_a_decimal_comma_and_dot_thousands()
    {
        Assert.Equal("1.234,5", VietnameseText.Number(1234.5));
        Assert.Equal("3", VietnameseText.Number(3));
        Assert.Equal("0,76", VietnameseText.Number(0.7619, 2));
        Assert.Equal("0", VietnameseText.Number(-0.01));
        Assert.Equal("73%", VietnameseText.Percent(0.725));
    }

    [Fact]
    public void Catalogue_names_are_codes_and_the_count_names_read_back()
    {
        // the words are the web layer's (RiskReasonText, tests/Web.Tests/Risk/ReasonTextTests): here only the codes
        var names = RiskFeatureCatalog.For(FeedbackGuard.ExposureAdjusted).Select(f => f.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(names, n => Assert.Matches("^[a-z0-9_]+$", n));
        Assert.Contains("tip_4q", names);
        Assert.Equal((IncidentKind.Tip, 4), RiskFeatureCatalog.ParseCount("tip_4q"));
        Assert.Null(RiskFeatureCatalog.ParseCount("active_use_sites"));
        Assert.Equal(RiskFeatureCatalog.For(FeedbackGuard.None).Select(f => f.Name), names.Where(n => n is not ("patrol_days_4q" or "patrol_finds_per_100_days_4q")));
    }
}
