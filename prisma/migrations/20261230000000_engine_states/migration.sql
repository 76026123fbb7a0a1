-- CreateTable
CREATE TABLE "engine_states" (
    "subject_type" TEXT NOT NULL,
    "subject_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "digest" TEXT NOT NULL,
    "state" JSONB NOT NULL,
    "starts" JSONB,
    "written_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "engine_states_pkey" PRIMARY KEY ("subject_type","subject_id")
);
