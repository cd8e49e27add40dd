using DiaBan.Geo.Data;

namespace DiaBan.Geo.Import;

/// <summary>The one audit row an import (or other bulk run) writes: who, what, file and counts.</summary>
public static class AuditRows
{
    public static AuditEntry Import(string actor, string entity, object details) => Bulk(actor, "import", entity, details);

    public static AuditEntry Bulk(string actor, string action, string entity, object details) => new()
    {
        At = DateTimeOffset.UtcNow,
        Actor = actor,
        Action = action,
        Entity = entity,
        Details = AuditJson.Serialize(details),
    };
}
