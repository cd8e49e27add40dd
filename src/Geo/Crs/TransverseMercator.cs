namespace DiaBan.Geo.Crs;

/// <summary>Transverse Mercator on WGS 84, Krüger series to 4th order in n (Karney 2011, "Transverse Mercator with an accuracy of a few nanometers"); sub-millimetre within 6° of the meridian.</summary>
internal sealed class TransverseMercator
{
    private static readonly double N = Wgs84Ellipsoid.F / (2 - Wgs84Ellipsoid.F);
    private static readonly double E = Math.Sqrt(Wgs84Ellipsoid.E2);
    private static readonly double RectifyingRadius =
        Wgs84Ellipsoid.A / (1 + N) * (1 + N * N / 4 + Math.Pow(N, 4) / 64);
    private static readonly double[] Alpha =
    [
        N / 2 - 2 * N * N / 3 + 5 * Math.Pow(N, 3) / 16 + 41 * Math.Pow(N, 4) / 180,
        13 * N * N / 48 - 3 * Math.Pow(N, 3) / 5 + 557 * Math.Pow(N, 4) / 1440,
        61 * Math.Pow(N, 3) / 240 - 103 * Math.Pow(N, 4) / 140,
        49561 * Math.Pow(N, 4) / 161280,
    ];
    private static readonly double[] Beta =
    [
        N / 2 - 2 * N * N / 3 + 37 * Math.Pow(N, 3) / 96 - Math.Pow(N, 4) / 360,
        N * N / 48 + Math.Pow(N, 3) / 15 - 437 * Math.Pow(N, 4) / 1440,
        17 * Math.Pow(N, 3) / 480 - 37 * Math.Pow(N, 4) / 840,
        4397 * Math.Pow(N, 4) / 161280,
    ];
    private static readonly double[] Delta =
    [
        2 * N - 2 * N * N / 3 - 2 * Math.Pow(N, 3) + 116 * Math.Pow(N, 4) / 45,
        7 * N * N / 3 - 8 * Math.Pow(N, 3) / 5 - 227 * Math.Pow(N, 4) / 45,
        56 * Math.Pow(N, 3) / 15 - 136 * Math.Pow(N, 4) / 35,
        4279 * Math.Pow(N, 4) / 630,
    ];

    private readonly double _lon0;
    private readonly double _k0;
    private readonly double _falseEasting;
    private readonly double _falseNorthing;

    public TransverseMercator(double centralMeridianDeg, double scale, double falseEasting = 500000, double falseNorthing = 0)
    {
        _lon0 = centralMeridianDeg * Math.PI / 180;
        _k0 = scale;
        _falseEasting = falseEasting;
        _falseNorthing = falseNorthing;
    }

    /// <summary>Easting/northing (m) → latitude/longitude (radians) on the projection's datum.</summary>
    public (double Lat, double Lon) Inverse(double easting, double northing)
    {
        var xi = (northing - _falseNorthing) / (_k0 * RectifyingRadius);
        var eta = (easting - _falseEasting) / (_k0 * RectifyingRadius);
        double xi1 = xi, eta1 = eta;
        for (var j = 1; j <= 4; j++)
        {
            xi1 -= Beta[j - 1] * Math.Sin(2 * j * xi) * Math.Cosh(2 * j * eta);
            eta1 -= Beta[j - 1] * Math.Cos(2 * j * xi) * Math.Sinh(2 * j * eta);
        }
        var chi = Math.Asin(Math.Sin(xi1) / Math.Cosh(eta1));
        var lat = chi;
        for (var j = 1; j <= 4; j++) lat += Delta[j - 1] * Math.Sin(2 * j * chi);
        var lon = _lon0 + Math.Atan2(Math.Sinh(eta1), Math.Cos(xi1));
        return (lat, lon);
    }

    /// <summary>Latitude/longitude (radians) → easting/northing (m).</summary>
    public (double Easting, double Northing) Forward(double lat, double lon)
    {
        var dLon = lon - _lon0;
        var t = Math.Sinh(Math.Atanh(Math.Sin(lat)) - E * Math.Atanh(E * Math.Sin(lat)));
        var xi1 = Math.Atan2(t, Math.Cos(dLon));
        var eta1 = Math.Atanh(Math.Sin(dLon) / Math.Sqrt(1 + t * t));
        double xi = xi1, eta = eta1;
        for (var j = 1; j <= 4; j++)
        {
            xi += Alpha[j - 1] * Math.Sin(2 * j * xi1) * Math.Cosh(2 * j * eta1);
            eta += Alpha[j - 1] * Math.Cos(2 * j * xi1) * Math.Sinh(2 * j * eta1);
        }
        return (_falseEasting + _k0 * RectifyingRadius * eta, _falseNorthing + _k0 * RectifyingRadius * xi);
    }
}
