using DiaBan.Analytics.Statistics;
using DiaBan.Analytics.Tests.Spatial;

namespace DiaBan.Analytics.Tests.Statistics;

public class EmpiricalBayesRateTests
{
    [Theory]
    [InlineData("sids")]
    [InlineData("ca_mau")]
    public void Standardised_rates_and_EB_Moran_equal_spdep_EBImoran(string layer)
    {
        var reference = Reference.Load(layer);
        var eb = reference.GetProperty("eb");
        var events = reference.GetProperty("events").Doubles();
        var population = reference.GetProperty("population").Doubles();
        var rates = EmpiricalBayesRate.Standardise(events, population);
        Approx.Equal(eb.Number("beta"), rates.Beta, what: "beta");
        Approx.Equal(eb.Number("alpha"), rates.Alpha, what: "alpha");
        Assert.True(rates.Alpha > 0, "the reference data keep α positive, where spdep and Assunção–Reis agree");
        Approx.All(eb.GetProperty("z").Doubles(), rates.Standardised, what: "z");
        var moran = EmpiricalBayesRate.Moran(events, population, ReferenceWeights.Build(layer, "queen_W"));
        Approx.Equal(eb.Number("moran_I"), moran.I, what: "EB Moran I");
        Approx.All(eb.GetProperty("global_smoothed").Doubles(), EmpiricalBayesRate.SmoothGlobal(events, population).Smoothed, what: "EBest");
    }

    [Fact]
    public void Local_smoothing_equals_spdep_EBlocal_in_its_GeoDa_form()
    {
        var reference = Reference.Load("sids");
        var smoothed = EmpiricalBayesRate.SmoothLocal(reference.GetProperty("events").Doubles(), reference.GetProperty("population").Doubles(), ReferenceWeights.Build("sids", "queen_B"));
        Approx.All(reference.GetProperty("eb").GetProperty("local_smoothed").Doubles(), smoothed.Smoothed, what: "EBlocal");
    }

    [Fact]
    public void When_alpha_is_negative_a_unit_whose_variance_would_be_negative_falls_back_to_beta_over_population()
    {
        // equal rates: s² = 0, so α = −β/(Σb/n) < 0; v_i = α + β/b_i is negative where b_i exceeds the mean population
        double[] events = [1, 2, 4];
        double[] population = [100, 200, 400];
        var rates = EmpiricalBayesRate.Standardise(events, population);
        var beta = 7.0 / 700;
        Approx.Equal(-beta / (700.0 / 3), rates.Alpha, 1e-15);
        Approx.Equal(rates.Alpha + beta / 100, rates.Variances[0], 1e-15);
        Approx.Equal(beta / 400, rates.Variances[2], 1e-15);
        Assert.All(rates.Standardised, z => Assert.Equal(0, z, 12));
    }

    [Fact]
    public void Zero_population_is_refused()
    {
        Assert.Throws<ArgumentException>(() => EmpiricalBayesRate.Standardise([1, 2], [100, 0]));
    }
}
