namespace DiaBan.Geo.Crs;

/// <summary>VN-2000 ↔ WGS 84 datum shift: EPSG:6960, the 7 parameters of QĐ 05/2007/QĐ-BTNMT (DOMAIN §5).</summary>
internal static class Vn2000Datum
{
    private const double ArcSec = Math.PI / 180 / 3600;

    // PROJ +towgs84 (position-vector convention; EPSG 6960 is coordinate-frame, rotations with the opposite sign)
    public const double Dx = -191.90441429, Dy = -39.30318279, Dz = -111.45032835;
    public const double RxSec = 0.00928836, RySec = -0.01975479, RzSec = 0.00427372;
    public const double ScalePpm = 0.252906278;
    public const string TowGs84 = "-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278";

    private static readonly double Rx = RxSec * ArcSec, Ry = RySec * ArcSec, Rz = RzSec * ArcSec;
    private static readonly double M = 1 + ScalePpm * 1e-6;

    /// <summary>VN-2000 geodetic (radians, ellipsoidal height 0) → WGS 84 geodetic (radians).</summary>
    public static (double Lat, double Lon) ToWgs84(double lat, double lon)
    {
        var (x, y, z) = Wgs84Ellipsoid.ToGeocentric(lat, lon, 0);
        // position-vector Helmert, small-angle form as in PROJ's +towgs84
        var x2 = M * (x - Rz * y + Ry * z) + Dx;
        var y2 = M * (Rz * x + y - Rx * z) + Dy;
        var z2 = M * (-Ry * x + Rx * y + z) + Dz;
        return Wgs84Ellipsoid.FromGeocentric(x2, y2, z2);
    }

    /// <summary>WGS 84 → VN-2000 geodetic (radians): the inverse Helmert (negated parameters, first order; error &lt; 1 mm).</summary>
    public static (double Lat, double Lon) FromWgs84(double lat, double lon)
    {
        var (x, y, z) = Wgs84Ellipsoid.ToGeocentric(lat, lon, 0);
        x -= Dx; y -= Dy; z -= Dz;
        var m = 1 / M;
        var x2 = m * (x + Rz * y - Ry * z);
        var y2 = m * (-Rz * x + y + Rx * z);
        var z2 = m * (Ry * x - Rx * y + z);
        return Wgs84Ellipsoid.FromGeocentric(x2, y2, z2);
    }
}
