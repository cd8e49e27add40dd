using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DiaBan.Geo.Data.Configurations;

internal sealed class RecognitionCaseConfiguration : IEntityTypeConfiguration<RecognitionCaseRecord>
{
    public void Configure(EntityTypeBuilder<RecognitionCaseRecord> b)
    {
        b.ToTable("recognition_case", t => t.HasCheckConstraint("ck_recognition_case_state",
            "state IN ('proposed', 'returned', 'appraised', 'recognised', 'refused', 'revoked')"));
        b.Property(x => x.State).HasMaxLength(16).IsRequired();
        b.Property(x => x.Version).IsRowVersion().HasColumnName("xmin");
        b.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
        // one case per commune: the case is the commune's whole recognition history
        b.HasIndex(x => x.UnitId).IsUnique();
        b.HasIndex(x => x.State);
        b.HasMany(x => x.Steps).WithOne().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RecognitionStepConfiguration : IEntityTypeConfiguration<RecognitionStepRecord>
{
    public void Configure(EntityTypeBuilder<RecognitionStepRecord> b)
    {
        b.ToTable("recognition_step");
        b.Property(x => x.Action).HasMaxLength(16).IsRequired();
        b.Property(x => x.FromState).HasMaxLength(16).IsRequired();
        b.Property(x => x.ToState).HasMaxLength(16).IsRequired();
        b.Property(x => x.Actor).HasMaxLength(100).IsRequired();
        b.Property(x => x.Role).HasMaxLength(16).IsRequired();
        b.Property(x => x.Note).HasMaxLength(2000);
        b.Property(x => x.Reasons).HasColumnType("text[]").IsRequired();
        b.Property(x => x.Snapshot).HasColumnType("jsonb");
        b.Property(x => x.DecisionNumber).HasMaxLength(100);
        b.HasIndex(x => new { x.CaseId, x.Seq }).IsUnique();
        b.HasIndex(x => x.At);
        b.HasMany(x => x.Evidence).WithOne().HasForeignKey(e => e.StepId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RecognitionEvidenceConfiguration : IEntityTypeConfiguration<RecognitionEvidenceRecord>
{
    public void Configure(EntityTypeBuilder<RecognitionEvidenceRecord> b)
    {
        b.ToTable("recognition_evidence", t =>
        {
            t.HasCheckConstraint("ck_recognition_evidence_type", "media_type IN ('application/pdf', 'image/png', 'image/jpeg')");
            t.HasCheckConstraint("ck_recognition_evidence_sha256", "sha256 ~ '^[0-9a-f]{64}$'");
            t.HasCheckConstraint("ck_recognition_evidence_size", "size_bytes = octet_length(content)");
        });
        b.Property(x => x.FileName).HasMaxLength(255).IsRequired();
        b.Property(x => x.MediaType).HasMaxLength(32).IsRequired();
        b.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength().IsRequired();
        b.Property(x => x.Content).HasColumnType("bytea").IsRequired();
        b.HasIndex(x => x.Sha256);
    }
}
