using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DiaBan.Geo.Data.Configurations;

internal sealed class IncidentEntryConfiguration : IEntityTypeConfiguration<IncidentEntry>
{
    public void Configure(EntityTypeBuilder<IncidentEntry> b)
    {
        b.ToTable("incident_entry", t =>
        {
            t.HasCheckConstraint("ck_incident_entry_state", "state IN ('draft', 'submitted', 'verified', 'returned')");
            t.HasCheckConstraint("ck_incident_entry_persons", "persons >= 0");
            t.HasCheckConstraint("ck_incident_entry_returned", "state <> 'returned' OR return_reason IS NOT NULL");
            t.HasCheckConstraint("ck_incident_entry_verified", "state <> 'verified' OR verified_by IS NOT NULL");
        });
        b.Property(x => x.State).HasConversion(new SnakeCaseEnumConverter<ReviewState>()).HasMaxLength(16);
        b.Property(x => x.Kind).HasConversion(new SnakeCaseEnumConverter<IncidentKind>()).HasMaxLength(32);
        b.Property(x => x.Source).HasConversion(new SnakeCaseEnumConverter<IncidentSource>()).HasMaxLength(32);
        b.Property(x => x.RecordedBy).HasMaxLength(200).IsRequired();
        b.Property(x => x.Geom).HasColumnType("geometry(Point,4326)").IsRequired();
        b.Property(x => x.EnteredBy).HasMaxLength(100).IsRequired();
        b.Property(x => x.EnteredArea).HasMaxLength(2000).IsRequired();
        b.Property(x => x.VerifiedBy).HasMaxLength(100);
        b.Property(x => x.ReturnedBy).HasMaxLength(100);
        b.Property(x => x.ReturnReason).HasMaxLength(1000);
        b.Property(x => x.Version).IsRowVersion().HasColumnName("xmin");
        b.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Incident>().WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => new { x.State, x.UnitId });
        b.HasIndex(x => x.EnteredBy);
        b.HasIndex(x => x.IncidentId).IsUnique();
    }
}
