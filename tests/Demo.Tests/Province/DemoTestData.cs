using DiaBan.Demo.Province;
using NetTopologySuite.Geometries;

namespace DiaBan.Demo.Tests.Province;

/// <summary>The generated provinces, built once per test run (generation takes a second or more).</summary>
internal static class DemoTestData
{
    private static readonly Lazy<DemoProvince> SyntheticProvince = new(() => DemoProvinceGenerator.Generate());
    private static readonly Lazy<DemoProvince> CaMauProvince = new(() => DemoProvinceGenerator.Generate(CaMauFiles.Input.Value));

    public static DemoProvince Synthetic => SyntheticProvince.Value;
    public static DemoProvince CaMau => CaMauProvince.Value;

    public static int Quarter(DateOnly date) => (date.Year - 2019) * 4 + (date.Month - 1) / 3;

    /// <summary>Quarterly counts of incidents inside the given pre-merger units, for quarters [from, to].</summary>
    public static double[] QuarterlyCounts(DemoProvince province, IReadOnlyCollection<string> preMergerCodes, int from, int to) =>
        Enumerable.Range(from, to - from + 1)
            .Select(q => (double)province.Incidents.Count(i => preMergerCodes.Contains(i.PreMergerUnitCode) && Quarter(i.Date) == q))
            .ToArray();
}

/// <summary>Trend and distance helpers written independently of the generator.</summary>
internal static class Measures
{
    /// <summary>Kendall's tau-a of a series against time: Mann–Kendall S divided by n(n-1)/2.</summary>
    public static double KendallTau(IReadOnlyList<double> series)
    {
        var s = 0;
        for (var i = 0; i < series.Count; i++)
            for (var j = i + 1; j < series.Count; j++)
                s += Math.Sign(series[j] - series[i]);
        return s / (series.Count * (series.Count - 1) / 2.0);
    }

    /// <summary>Equirectangular metres about a latitude: plenty for "within 1 km" checks.</summary>
    public static Geometry ToMetres(Geometry lonLat, double originLat)
    {
        var copy = lonLat.Copy();
        var kx = 111_320.0 * Math.Cos(originLat * Math.PI / 180);
        copy.Apply(new CoordinateScaler(kx, 110_574.0));
        copy.GeometryChanged();
        return copy;
    }

    private sealed class CoordinateScaler(double kx, double ky) : IEntireCoordinateSequenceFilter
    {
        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                seq.SetX(i, seq.GetX(i) * kx);
                seq.SetY(i, seq.GetY(i) * ky);
            }
        }

        public bool Done => false;
        public bool GeometryChanged => true;
    }
}
