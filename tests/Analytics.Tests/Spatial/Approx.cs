namespace DiaBan.Analytics.Tests.Spatial;

/// <summary>Comparisons with reference values: |actual − expected| ≤ tolerance·max(1, |expected|); NaN only equals NaN.</summary>
public static class Approx
{
    public const double Reference = 1e-9;

    public static void Equal(double expected, double actual, double tolerance = Reference, string what = "")
    {
        if (double.IsNaN(expected))
        {
            Assert.True(double.IsNaN(actual), $"{what}: expected NaN, got {actual:R}");
            return;
        }
        var bound = tolerance * Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(actual - expected) <= bound, $"{what}: expected {expected:R}, got {actual:R} (|diff| {Math.Abs(actual - expected):E3} > {bound:E3})");
    }

    public static void All(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance = Reference, string what = "")
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++) Equal(expected[i], actual[i], tolerance, $"{what}[{i}]");
    }
}
