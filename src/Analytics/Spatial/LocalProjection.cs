using NetTopologySuite.Geometries;

namespace DiaBan.Analytics.Spatial;

/// <summary>
/// A transverse Mercator projection on the WGS 84 ellipsoid centred on a layer (scale 1 on the central meridian,
/// origin at the centre, metres), for distance-based weights and KDE grids. Equals PROJ
/// <c>+proj=tmerc +lat_0=φ0 +lon_0=λ0 +k=1 +x_0=0 +y_0=0 +ellps=WGS84</c> (see <see cref="ProjString"/>).
/// Krüger series to n⁶ (Karney 2011, "Transverse Mercator with an accuracy of a few nanometers", eqs. 9, 35–37):
/// sub-millimetre within a few degrees of the centre; across all of Vietnam (±4°) distances stretch by ≤ 0.25%.
/// </summary>
public sealed class LocalProjection
{
    private const double SemiMajorAxis = 6378137.0;
    private const double Flattening = 1 / 298.257223563;

    private static readonly double ThirdFlattening = Flattening / (2 - Flattening);
    private static readonly double Eccentricity = Math.Sqrt(Flattening * (2 - Flattening));
    private static readonly double RectifyingRadius = RectifyingRadiusOf(ThirdFlattening);
    private static readonly double[] Alpha = AlphaOf(ThirdFlattening);
    private static readonly double[] Beta = BetaOf(ThirdFlattening);

    private readonly double _northingOfOrigin;

    public LocalProjection(double centralMeridian, double latitudeOfOrigin)
    {
        if (centralMeridian is < -180 or > 180 || latitudeOfOrigin is < -90 or > 90)
            throw new ArgumentOutOfRangeException(nameof(centralMeridian), "Centre must be a longitude/latitude in degrees.");
        CentralMeridian = centralMeridian;
        LatitudeOfOrigin = latitudeOfOrigin;
        _northingOfOrigin = ProjectUnshifted(centralMeridian, latitudeOfOrigin).Y;
    }

    /// <summary>λ0 in degrees.</summary>
    public double CentralMeridian { get; }

    /// <summary>φ0 in degrees.</summary>
    public double LatitudeOfOrigin { get; }

    /// <summary>The same projection as a PROJ string (for cross-checks with R sf / cs2cs).</summary>
    public string ProjString => FormattableString.Invariant(
        $"+proj=tmerc +lat_0={LatitudeOfOrigin:R} +lon_0={CentralMeridian:R} +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs");

    /// <summary>Centred on the middle of the layer's lon/lat envelope ((min+max)/2 in each axis).</summary>
    public static LocalProjection Around(IEnumerable<Geometry> lonLatGeometries)
    {
        var envelope = new Envelope();
        foreach (var g in lonLatGeometries) envelope.ExpandToInclude(g.EnvelopeInternal);
        if (envelope.IsNull) throw new ArgumentException("No geometry to centre the projection on.", nameof(lonLatGeometries));
        Metric.RequireLonLatRange(envelope);
        return new LocalProjection((envelope.MinX + envelope.MaxX) / 2, (envelope.MinY + envelope.MaxY) / 2);
    }

    /// <summary>Longitude/latitude (degrees) → easting/northing (metres).</summary>
    public Coordinate Forward(double longitude, double latitude)
    {
        var p = ProjectUnshifted(longitude, latitude);
        return new Coordinate(p.X, p.Y - _northingOfOrigin);
    }

    /// <summary>Easting/northing (metres) → longitude/latitude (degrees).</summary>
    public Coordinate Inverse(double easting, double northing)
    {
        var xi = (northing + _northingOfOrigin) / RectifyingRadius;
        var eta = easting / RectifyingRadius;
        double xiPrime = xi, etaPrime = eta;
        for (var j = 1; j <= 6; j++)
        {
            xiPrime -= Beta[j] * Math.Sin(2 * j * xi) * Math.Cosh(2 * j * eta);
            etaPrime -= Beta[j] * Math.Cos(2 * j * xi) * Math.Sinh(2 * j * eta);
        }
        var sinhEta = Math.Sinh(etaPrime);
        var cosXi = Math.Cos(xiPrime);
        var tauPrime = Math.Sin(xiPrime) / Math.Sqrt(sinhEta * sinhEta + cosXi * cosXi);
        var lambda = Math.Atan2(sinhEta, cosXi);
        var tau = TauFromConformal(tauPrime);
        return new Coordinate(CentralMeridian + Degrees(lambda), Degrees(Math.Atan(tau)));
    }

    /// <summary>A projected copy of a lon/lat geometry (SRID 0: a local CRS has no EPSG code).</summary>
    public Geometry Project(Geometry lonLat) => Transform(lonLat, c => Forward(c.X, c.Y));

    /// <summary>A lon/lat copy (SRID 4326) of a geometry in this projection.</summary>
    public Geometry Unproject(Geometry projected)
    {
        var result = Transform(projected, c => Inverse(c.X, c.Y));
        result.SRID = 4326;
        return result;
    }

    private static Geometry Transform(Geometry geometry, Func<Coordinate, Coordinate> map)
    {
        var copy = CoordinateMapFilter.Apply(geometry, map);
        copy.SRID = 0;
        return copy;
    }

    private Coordinate ProjectUnshifted(double longitude, double latitude)
    {
        var lambda = Radians(longitude - CentralMeridian);
        var tau = Math.Tan(Radians(latitude));
        var tauPrime = ConformalTau(tau);
        var cosLambda = Math.Cos(lambda);
        var xiPrime = Math.Atan2(tauPrime, cosLambda);
        var etaPrime = Math.Asinh(Math.Sin(lambda) / Math.Sqrt(tauPrime * tauPrime + cosLambda * cosLambda));
        double xi = xiPrime, eta = etaPrime;
        for (var j = 1; j <= 6; j++)
        {
            xi += Alpha[j] * Math.Sin(2 * j * xiPrime) * Math.Cosh(2 * j * etaPrime);
            eta += Alpha[j] * Math.Cos(2 * j * xiPrime) * Math.Sinh(2 * j * etaPrime);
        }
        return new Coordinate(RectifyingRadius * eta, RectifyingRadius * xi);
    }

    // τ' = τ√(1+σ²) − σ√(1+τ²), σ = sinh(e·atanh(e τ/√(1+τ²))) (Karney 2011 eq. 7–9).
    private static double ConformalTau(double tau)
    {
        var root = Math.Sqrt(1 + tau * tau);
        var sigma = Math.Sinh(Eccentricity * Math.Atanh(Eccentricity * tau / root));
        return tau * Math.Sqrt(1 + sigma * sigma) - sigma * root;
    }

    // Newton's method on τ'(τ) (Karney 2011 eq. 19–21).
    private static double TauFromConformal(double tauPrime)
    {
        var e2 = Eccentricity * Eccentricity;
        var tau = tauPrime / (1 - e2);
        for (var iteration = 0; iteration < 20; iteration++)
        {
            var current = ConformalTau(tau);
            var slope = (1 - e2) * Math.Sqrt(1 + current * current) * Math.Sqrt(1 + tau * tau) / (1 + (1 - e2) * tau * tau);
            var step = (tauPrime - current) / slope;
            tau += step;
            if (Math.Abs(step) <= 1e-15 * Math.Max(1, Math.Abs(tau))) break;
        }
        return tau;
    }

    private static double RectifyingRadiusOf(double n)
    {
        var n2 = n * n;
        return SemiMajorAxis / (1 + n) * (1 + n2 / 4 + n2 * n2 / 64 + n2 * n2 * n2 / 256);
    }

    private static double[] AlphaOf(double n)
    {
        var p = Powers(n);
        return
        [
            0,
            p[1] / 2 - p[2] * 2 / 3 + p[3] * 5 / 16 + p[4] * 41 / 180 - p[5] * 127 / 288 + p[6] * 7891 / 37800,
            p[2] * 13 / 48 - p[3] * 3 / 5 + p[4] * 557 / 1440 + p[5] * 281 / 630 - p[6] * 1983433 / 1935360,
            p[3] * 61 / 240 - p[4] * 103 / 140 + p[5] * 15061 / 26880 + p[6] * 167603 / 181440,
            p[4] * 49561 / 161280 - p[5] * 179 / 168 + p[6] * 6601661 / 7257600,
            p[5] * 34729 / 80640 - p[6] * 3418889 / 1995840,
            p[6] * 212378941 / 319334400,
        ];
    }

    private static double[] BetaOf(double n)
    {
        var p = Powers(n);
        return
        [
            0,
            p[1] / 2 - p[2] * 2 / 3 + p[3] * 37 / 96 - p[4] / 360 - p[5] * 81 / 512 + p[6] * 96199 / 604800,
            p[2] / 48 + p[3] / 15 - p[4] * 437 / 1440 + p[5] * 46 / 105 - p[6] * 1118711 / 3870720,
            p[3] * 17 / 480 - p[4] * 37 / 840 - p[5] * 209 / 4480 + p[6] * 5569 / 90720,
            p[4] * 4397 / 161280 - p[5] * 11 / 504 - p[6] * 830251 / 7257600,
            p[5] * 4583 / 161280 - p[6] * 108847 / 3991680,
            p[6] * 20648693 / 638668800,
        ];
    }

    private static double[] Powers(double n)
    {
        var p = new double[7];
        p[0] = 1;
        for (var k = 1; k < 7; k++) p[k] = p[k - 1] * n;
        return p;
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;

    private static double Degrees(double radians) => radians * 180 / Math.PI;
}
