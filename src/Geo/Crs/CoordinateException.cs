namespace DiaBan.Geo.Crs;

/// <summary>A coordinate that cannot be placed in Vietnam in the stated CRS (wrong CRS, swapped axes, unknown code).</summary>
public sealed class CoordinateException(string message) : Exception(message);
