namespace DiaBan.Geo.Crs;

/// <summary>The WGS 84 ellipsoid, which VN-2000 also uses (QĐ 83/2000/QĐ-TTg), positioned differently.</summary>
internal static class Wgs84Ellipsoid
{
    public const double A = 6378137.0;
    public const double F = 1 / 298.257223563;
    public static readonly double E2 = F * (2 - F);

    /// <summary>Geodetic (radians, h metres) → Earth-centred Cartesian.</summary>
    public static (double X, double Y, double Z) ToGeocentric(double lat, double lon, double h)
    {
        var sinLat = Math.Sin(lat);
        var n = A / Math.Sqrt(1 - E2 * sinLat * sinLat);
        return ((n + h) * Math.Cos(lat) * Math.Cos(lon), (n + h) * Math.Cos(lat) * Math.Sin(lon), (n * (1 - E2) + h) * sinLat);
    }

    /// <summary>Earth-centred Cartesian → geodetic (radians); fixed-point iteration converges to &lt;1e-12 rad in a few steps.</summary>
    public static (double Lat, double Lon) FromGeocentric(double x, double y, double z)
    {
        var p = Math.Sqrt(x * x + y * y);
        var lat = Math.Atan2(z, p * (1 - E2));
        for (var i = 0; i < 10; i++)
        {
            var sinLat = Math.Sin(lat);
            var n = A / Math.Sqrt(1 - E2 * sinLat * sinLat);
            var next = Math.Atan2(z + E2 * n * sinLat, p);
            if (Math.Abs(next - lat) < 1e-14) { lat = next; break; }
            lat = next;
        }
        return (lat, Math.Atan2(y, x));
    }
}
