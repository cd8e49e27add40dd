using DiaBan.Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DiaBan.Geo.Data.Configurations;

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> b)
    {
        b.ToTable("incident", t => t.HasCheckConstraint("ck_incident_persons", "persons >= 0"));
        // byte order ("C"): ids are only compared for equality (the same under any deterministic collation), and the
        // unique index then sorts by memcmp with abbreviated keys instead of strcoll — its build in a bulk load's rebuild
        // is the cheaper for it (docs/performance.md, issue 12)
        // each session takes 1,000 ids at a time: with the default of one, every row of a bulk COPY locked and updated the
        // sequence (WAL every 32 rows) — 2 of the 8 s a 5 M-row COPY took on the server. Ids stay unique; a session that
        // ends leaves a gap, which nothing reads (docs/performance.md, issue 12)
        b.Property(x => x.Id).HasIdentityOptions(numbersToCache: 1000);
        b.Property(x => x.ExternalId).HasMaxLength(64).IsRequired().UseCollation("C");
        b.Property(x => x.Kind).HasConversion(new SnakeCaseEnumConverter<IncidentKind>()).HasMaxLength(32);
        b.Property(x => x.Source).HasMaxLength(200);
        b.Property(x => x.ImportBatch).HasMaxLength(64);
        b.Property(x => x.RecordedBy).HasMaxLength(200);
        b.Property(x => x.OccurredAt).HasColumnType("time without time zone");
        b.Property(x => x.Geom).HasColumnType("geometry(Point,4326)").IsRequired();
        b.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => x.ExternalId).IsUnique();
        // the only secondary index besides the unique id: incidents are reached through their unit, which is also their
        // spatial key (Queries/IncidentArea: units overlapping an area, then this btree, then the exact test on geom), and
        // first/last days come from one probe of it per unit. No GiST on geom and no index on occurred_on alone: each was
        // a serial share of every bulk load's rebuild (docs/performance.md, issue 12)
        b.HasIndex(x => new { x.UnitId, x.OccurredOn });
    }
}
