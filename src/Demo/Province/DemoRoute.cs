using NetTopologySuite.Geometries;

namespace DiaBan.Demo.Province;

public enum RouteScope
{
    /// <summary>Tuyến nội tỉnh.</summary>
    IntraProvincial,
    /// <summary>Tuyến liên tỉnh.</summary>
    InterProvincial,
}

/// <summary>A key drug route corridor (tuyến trọng điểm): a road line and the buffer that counts as "on the route".</summary>
public sealed record DemoRoute
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required RouteScope Scope { get; init; }
    public required LineString Line { get; init; }
    public required double BufferMetres { get; init; }
}
