namespace DiaBan.Geo.Crs;

public enum CrsKind { Wgs84Geographic, Wgs84Projected, Vn2000Geographic, Vn2000Projected }

/// <summary>A coordinate reference system DiaBan can read: its EPSG code, name and projection parameters.</summary>
public sealed record CrsDefinition(int Epsg, string Name, CrsKind Kind, double CentralMeridian = 0, double Scale = 1)
{
    public bool IsProjected => Kind is CrsKind.Wgs84Projected or CrsKind.Vn2000Projected;
    public bool IsVn2000 => Kind is CrsKind.Vn2000Geographic or CrsKind.Vn2000Projected;
    public override string ToString() => $"EPSG:{Epsg} ({Name})";
}
