using DiaBan.Demo.Province;

namespace DiaBan.Demo.Tests.Province;

public class DeterminismTests
{
    [Fact]
    public void Same_seed_gives_byte_identical_province()
    {
        var again = DemoProvinceGenerator.Generate(new DemoProvinceOptions { Seed = 2019 });

        Assert.Equal(DemoFingerprint.Compute(DemoTestData.Synthetic), DemoFingerprint.Compute(again));
    }

    [Fact]
    public void Another_seed_gives_another_province()
    {
        var other = DemoProvinceGenerator.Generate(new DemoProvinceOptions { Seed = 7 });

        Assert.NotEqual(DemoFingerprint.Compute(DemoTestData.Synthetic), DemoFingerprint.Compute(other));
        Assert.NotEqual(DemoTestData.Synthetic.PreMergerUnits[0].Geometry.AsText(), other.PreMergerUnits[0].Geometry.AsText());
    }

    [Fact]
    public void Default_options_use_seed_2019()
    {
        Assert.Equal(2019, new DemoProvinceOptions().Seed);
        Assert.Equal(2019, DemoTestData.Synthetic.Seed);
    }
}
