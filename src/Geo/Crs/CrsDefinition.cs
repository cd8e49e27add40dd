using System.Globalization;

namespace DiaBan.Geo.Crs;

public enum CrsKind { Wgs84Geographic, Wgs84Projected, Vn2000Geographic, Vn2000Projected }

/// <summary>A coordinate reference system DiaBan can read: its EPSG code, name and projection parameters.</summary>
public sealed record CrsDefinition(int Epsg, string Name, CrsKind Kind, double CentralMeridian = 0, double Scale = 1)
{
    /// <summary>
    /// VN-2000 → WGS 84: EPSG:6960, the 7 parameters of QĐ 05/2007/QĐ-BTNMT (DOMAIN §5), in the position-vector
    /// convention of OGC TOWGS84 and PROJ +towgs84 (EPSG 6960 itself is coordinate-frame: rotations of opposite sign).
    /// </summary>
    public const string Vn2000ToWgs84 = "-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278";

    public bool IsProjected => Kind is CrsKind.Wgs84Projected or CrsKind.Vn2000Projected;
    public bool IsVn2000 => Kind is CrsKind.Vn2000Geographic or CrsKind.Vn2000Projected;
    public override string ToString() => $"EPSG:{Epsg} ({Name})";

    /// <summary>OGC WKT1 as EPSG defines the CRS (the VN-2000 datum with its TOWGS84), read by ProjNET.</summary>
    public string ToWkt()
    {
        var geographic = IsVn2000
            ? $"""GEOGCS["VN-2000",DATUM["Vietnam_2000",SPHEROID["WGS 84",6378137,298.257223563],TOWGS84[{Vn2000ToWgs84}]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4756"]]"""
            : """GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4326"]]""";
        if (!IsProjected) return geographic;
        return string.Create(CultureInfo.InvariantCulture,
            $"""PROJCS["{Name}",{geographic},PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",{CentralMeridian:R}],PARAMETER["scale_factor",{Scale:R}],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1],AUTHORITY["EPSG","{Epsg}"]]""");
    }
}
