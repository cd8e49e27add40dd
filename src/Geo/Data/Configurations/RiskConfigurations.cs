using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DiaBan.Geo.Data.Configurations;

internal sealed class RiskModelRecordConfiguration : IEntityTypeConfiguration<RiskModelRecord>
{
    public void Configure(EntityTypeBuilder<RiskModelRecord> b)
    {
        b.ToTable("risk_model");
        b.Property(x => x.ProvinceCode).HasMaxLength(16);
        b.Property(x => x.FeatureNames).HasColumnType("text[]");
        b.Property(x => x.Parameters).HasColumnType("jsonb").IsRequired();
        b.Property(x => x.Metrics).HasColumnType("jsonb").IsRequired();
        b.Property(x => x.DataHash).HasMaxLength(64).IsRequired();
        b.Property(x => x.Guard).HasMaxLength(32).IsRequired();
        b.Property(x => x.ModelBytes).HasColumnType("bytea").IsRequired();
        b.Property(x => x.CreatedBy).HasMaxLength(100);
        b.HasIndex(x => x.CreatedAt);
    }
}

internal sealed class RiskScoreRecordConfiguration : IEntityTypeConfiguration<RiskScoreRecord>
{
    public void Configure(EntityTypeBuilder<RiskScoreRecord> b)
    {
        b.ToTable("risk_score", t =>
            t.HasCheckConstraint("ck_risk_score_probability", "probability >= 0 AND probability <= 1"));
        b.Property(x => x.Reasons).HasColumnType("jsonb").IsRequired();
        b.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.ModelVersion).WithMany().HasForeignKey(x => x.ModelVersionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ModelVersionId, x.Quarter, x.UnitId }).IsUnique();
        b.HasIndex(x => x.Quarter);
    }
}

internal sealed class PatrolExposureConfiguration : IEntityTypeConfiguration<PatrolExposure>
{
    public void Configure(EntityTypeBuilder<PatrolExposure> b)
    {
        b.ToTable("patrol_exposure", t => t.HasCheckConstraint("ck_patrol_exposure_days", "patrol_days >= 0"));
        b.Property(x => x.RecordedBy).HasMaxLength(100).IsRequired();
        b.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.UnitId, x.Quarter });
    }
}
