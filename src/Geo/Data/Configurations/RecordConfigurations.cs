using DiaBan.Analytics.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DiaBan.Geo.Data.Configurations;

internal sealed class DrugSpotConfiguration : IEntityTypeConfiguration<DrugSpot>
{
    public void Configure(EntityTypeBuilder<DrugSpot> b)
    {
        b.ToTable("drug_spot", t => t.HasCheckConstraint("ck_drug_spot_kind", "kind IN ('point', 'hotspot')"));
        b.Property(x => x.Code).HasMaxLength(64).IsRequired();
        b.Property(x => x.Kind).HasConversion(new SnakeCaseEnumConverter<SpotKind>()).HasMaxLength(16);
        b.Property(x => x.Geom).HasColumnType("geometry(Point,4326)").IsRequired();
        b.Property(x => x.Description).HasMaxLength(1000);
        b.Property(x => x.CreatedBy).HasMaxLength(100).IsRequired();
        b.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.Code).IsUnique();
        b.HasIndex(x => x.UnitId);
        b.HasIndex(x => x.Geom).HasMethod("gist");
        b.HasMany(x => x.Steps).WithOne().HasForeignKey(s => s.SpotId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DrugSpotStepConfiguration : IEntityTypeConfiguration<DrugSpotStep>
{
    public void Configure(EntityTypeBuilder<DrugSpotStep> b)
    {
        b.ToTable("drug_spot_step", t =>
        {
            t.HasCheckConstraint("ck_drug_spot_step_state", "state IN ('detected', 'under_watch', 'eliminated', 're_emerged')");
            t.HasCheckConstraint("ck_drug_spot_step_review", "review IN ('draft', 'submitted', 'verified', 'returned')");
            t.HasCheckConstraint("ck_drug_spot_step_returned", "review <> 'returned' OR returned_reason IS NOT NULL");
        });
        b.Property(x => x.State).HasConversion(new SnakeCaseEnumConverter<SpotState>()).HasMaxLength(16);
        b.Property(x => x.Review).HasConversion(new SnakeCaseEnumConverter<ReviewState>()).HasMaxLength(16);
        b.Property(x => x.RecordingUnit).HasMaxLength(200).IsRequired();
        b.Property(x => x.Note).HasMaxLength(2000);
        b.Property(x => x.EnteredBy).HasMaxLength(100).IsRequired();
        b.Property(x => x.ReviewedBy).HasMaxLength(100);
        b.Property(x => x.ReturnedReason).HasMaxLength(1000);
        b.HasIndex(x => new { x.SpotId, x.Seq }).IsUnique();
        b.HasIndex(x => new { x.Review, x.OccurredOn });
    }
}

internal sealed class TipConfiguration : IEntityTypeConfiguration<TipRecord>
{
    public void Configure(EntityTypeBuilder<TipRecord> b)
    {
        b.ToTable("tip", t =>
        {
            t.HasCheckConstraint("ck_tip_state", "state IN ('received', 'checking', 'resolved')");
            t.HasCheckConstraint("ck_tip_review", "review IN ('draft', 'submitted', 'verified', 'returned')");
            t.HasCheckConstraint("ck_tip_resolved", "(state = 'resolved') = (outcome IS NOT NULL AND resolved_on IS NOT NULL)");
            t.HasCheckConstraint("ck_tip_resolved_after", "resolved_on IS NULL OR resolved_on >= received_on");
            t.HasCheckConstraint("ck_tip_returned", "review <> 'returned' OR returned_reason IS NOT NULL");
        });
        b.Property(x => x.Channel).HasConversion(new SnakeCaseEnumConverter<TipChannel>()).HasMaxLength(16);
        b.Property(x => x.State).HasConversion(new SnakeCaseEnumConverter<TipState>()).HasMaxLength(16);
        b.Property(x => x.Outcome).HasConversion(new SnakeCaseEnumConverter<TipOutcome>()).HasMaxLength(16);
        b.Property(x => x.VerifiedState).HasConversion(new SnakeCaseEnumConverter<TipState>()).HasMaxLength(16);
        b.Property(x => x.VerifiedOutcome).HasConversion(new SnakeCaseEnumConverter<TipOutcome>()).HasMaxLength(16);
        b.Property(x => x.Review).HasConversion(new SnakeCaseEnumConverter<ReviewState>()).HasMaxLength(16);
        b.Property(x => x.Summary).HasMaxLength(1000).IsRequired();
        b.Property(x => x.EnteredBy).HasMaxLength(100).IsRequired();
        b.Property(x => x.ReviewedBy).HasMaxLength(100);
        b.Property(x => x.ReturnedReason).HasMaxLength(1000);
        b.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.UnitId, x.ReceivedOn });
    }
}
