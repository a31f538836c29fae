-- CreateTable
CREATE TABLE "Roadmap" (
    "id" SERIAL NOT NULL,
    "identity" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "orderNumber" TEXT,
    "orderDate" TEXT,
    "authority" TEXT,
    "years" TEXT NOT NULL DEFAULT '[]',
    "timezone" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "activeFrom" TEXT,
    "controllerText" TEXT,
    "controllerId" INTEGER,
    "meta" TEXT NOT NULL DEFAULT '{}',
    "reminderPolicy" TEXT,
    "needsVerification" BOOLEAN NOT NULL DEFAULT true,
    "sourceName" TEXT,
    "contentHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Roadmap_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Section" (
    "id" SERIAL NOT NULL,
    "roadmapId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "year" INTEGER,
    "position" INTEGER NOT NULL,

    CONSTRAINT "Section_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Item" (
    "id" SERIAL NOT NULL,
    "roadmapId" INTEGER NOT NULL,
    "sectionId" INTEGER,
    "key" TEXT NOT NULL,
    "number" TEXT,
    "title" TEXT NOT NULL,
    "result" TEXT,
    "deadlineText" TEXT,
    "deadlineKind" TEXT NOT NULL,
    "deadlineStart" TEXT,
    "deadlineDue" TEXT,
    "checkpoints" TEXT NOT NULL DEFAULT '[]',
    "every" TEXT,
    "responsibleText" TEXT,
    "responsible" TEXT NOT NULL DEFAULT '[]',
    "evidenceRequirement" TEXT,
    "flags" TEXT NOT NULL DEFAULT '[]',
    "position" INTEGER NOT NULL,
    "removedAt" TIMESTAMP(3),
    "search" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ItemChange" (
    "id" SERIAL NOT NULL,
    "itemId" INTEGER NOT NULL,
    "field" TEXT NOT NULL,
    "oldText" TEXT,
    "newText" TEXT,
    "byPersonId" INTEGER,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ItemChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Organization" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "schoolKey" TEXT,
    "shortName" TEXT,
    "isShnor" BOOLEAN NOT NULL DEFAULT false,
    "isShnsu" BOOLEAN NOT NULL DEFAULT false,
    "isRisk" BOOLEAN NOT NULL DEFAULT false,
    "timezone" TEXT,
    "search" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" SERIAL NOT NULL,
    "fullName" TEXT NOT NULL,
    "shortName" TEXT NOT NULL,
    "position" TEXT,
    "organizationId" INTEGER,
    "telegramId" TEXT,
    "chatId" TEXT,
    "language" TEXT,
    "timezone" TEXT,
    "unreachable" BOOLEAN NOT NULL DEFAULT false,
    "removedAt" TIMESTAMP(3),
    "search" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PersonRole" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "roadmapId" INTEGER,

    CONSTRAINT "PersonRole_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrganizationContact" (
    "id" SERIAL NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,

    CONSTRAINT "OrganizationContact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Curatorship" (
    "id" SERIAL NOT NULL,
    "schoolId" INTEGER NOT NULL,
    "personId" INTEGER,
    "curatorOrgId" INTEGER,
    "roadmapId" INTEGER,
    "fromDocument" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Curatorship_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assignment" (
    "id" SERIAL NOT NULL,
    "itemId" INTEGER NOT NULL,
    "personId" INTEGER,
    "schoolId" INTEGER,
    "partyText" TEXT,
    "status" TEXT NOT NULL DEFAULT 'not_started',
    "dueOverride" TEXT,
    "doneAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckpointStatus" (
    "id" SERIAL NOT NULL,
    "assignmentId" INTEGER NOT NULL,
    "checkpoint" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'not_started',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CheckpointStatus_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusChange" (
    "id" SERIAL NOT NULL,
    "assignmentId" INTEGER NOT NULL,
    "checkpoint" TEXT,
    "fromStatus" TEXT NOT NULL,
    "toStatus" TEXT NOT NULL,
    "byPersonId" INTEGER,
    "comment" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Evidence" (
    "id" SERIAL NOT NULL,
    "assignmentId" INTEGER NOT NULL,
    "checkinId" INTEGER,
    "checkpoint" TEXT,
    "kind" TEXT NOT NULL,
    "url" TEXT,
    "fileName" TEXT,
    "storagePath" TEXT,
    "mimeType" TEXT,
    "size" INTEGER,
    "telegramFileId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'submitted',
    "byPersonId" INTEGER,
    "verifiedById" INTEGER,
    "verifiedAt" TIMESTAMP(3),
    "comment" TEXT,
    "notifiedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Checkin" (
    "id" SERIAL NOT NULL,
    "assignmentId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "status" TEXT,
    "comment" TEXT,
    "byPersonId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Checkin_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PostponeRequest" (
    "id" SERIAL NOT NULL,
    "assignmentId" INTEGER NOT NULL,
    "requestedDue" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "byPersonId" INTEGER,
    "deciderId" INTEGER,
    "decidedAt" TIMESTAMP(3),
    "comment" TEXT,
    "lastRaisedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PostponeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportWarning" (
    "id" SERIAL NOT NULL,
    "roadmapId" INTEGER NOT NULL,
    "itemKey" TEXT,
    "row" INTEGER,
    "message" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImportWarning_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invite" (
    "id" SERIAL NOT NULL,
    "token" TEXT NOT NULL,
    "personId" INTEGER NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Invite_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessedUpdate" (
    "updateId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedUpdate_pkey" PRIMARY KEY ("updateId")
);

-- CreateTable
CREATE TABLE "ChatState" (
    "chatId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChatState_pkey" PRIMARY KEY ("chatId")
);

-- CreateTable
CREATE TABLE "PendingImport" (
    "id" SERIAL NOT NULL,
    "chatId" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "state" TEXT NOT NULL DEFAULT 'preview',
    "stateAt" TIMESTAMP(3),
    "targetRoadmapId" INTEGER,
    "savedRoadmapId" INTEGER,
    "outcome" TEXT,

    CONSTRAINT "PendingImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReminderClaim" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "assignmentId" INTEGER,
    "roadmapId" INTEGER,
    "personId" INTEGER,
    "checkpoint" TEXT,
    "localDate" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL,
    "claimedBy" TEXT,
    "sentAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "messageId" TEXT,

    CONSTRAINT "ReminderClaim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarDay" (
    "date" TEXT NOT NULL,
    "isWorking" BOOLEAN NOT NULL,
    "note" TEXT,

    CONSTRAINT "CalendarDay_pkey" PRIMARY KEY ("date")
);

-- CreateIndex
CREATE UNIQUE INDEX "Roadmap_identity_key" ON "Roadmap"("identity");

-- CreateIndex
CREATE UNIQUE INDEX "Section_roadmapId_position_key" ON "Section"("roadmapId", "position");

-- CreateIndex
CREATE INDEX "Item_roadmapId_position_idx" ON "Item"("roadmapId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Item_roadmapId_key_key" ON "Item"("roadmapId", "key");

-- CreateIndex
CREATE INDEX "ItemChange_itemId_at_idx" ON "ItemChange"("itemId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Organization_schoolKey_key" ON "Organization"("schoolKey");

-- CreateIndex
CREATE INDEX "Organization_search_idx" ON "Organization"("search");

-- CreateIndex
CREATE UNIQUE INDEX "Person_telegramId_key" ON "Person"("telegramId");

-- CreateIndex
CREATE INDEX "Person_shortName_idx" ON "Person"("shortName");

-- CreateIndex
CREATE INDEX "Person_search_idx" ON "Person"("search");

-- CreateIndex
CREATE UNIQUE INDEX "PersonRole_personId_role_roadmapId_key" ON "PersonRole"("personId", "role", "roadmapId");

-- CreateIndex
CREATE UNIQUE INDEX "OrganizationContact_organizationId_personId_key" ON "OrganizationContact"("organizationId", "personId");

-- CreateIndex
CREATE INDEX "Curatorship_schoolId_idx" ON "Curatorship"("schoolId");

-- CreateIndex
CREATE INDEX "Assignment_personId_status_idx" ON "Assignment"("personId", "status");

-- CreateIndex
CREATE INDEX "Assignment_itemId_idx" ON "Assignment"("itemId");

-- CreateIndex
CREATE INDEX "Assignment_schoolId_idx" ON "Assignment"("schoolId");

-- CreateIndex
CREATE UNIQUE INDEX "CheckpointStatus_assignmentId_checkpoint_key" ON "CheckpointStatus"("assignmentId", "checkpoint");

-- CreateIndex
CREATE INDEX "StatusChange_assignmentId_at_idx" ON "StatusChange"("assignmentId", "at");

-- CreateIndex
CREATE INDEX "Evidence_assignmentId_idx" ON "Evidence"("assignmentId");

-- CreateIndex
CREATE INDEX "Evidence_status_idx" ON "Evidence"("status");

-- CreateIndex
CREATE INDEX "Checkin_assignmentId_period_idx" ON "Checkin"("assignmentId", "period");

-- CreateIndex
CREATE INDEX "PostponeRequest_status_idx" ON "PostponeRequest"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Invite_token_key" ON "Invite"("token");

-- CreateIndex
CREATE INDEX "Invite_personId_idx" ON "Invite"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "ReminderClaim_key_key" ON "ReminderClaim"("key");

-- CreateIndex
CREATE INDEX "ReminderClaim_sentAt_claimedAt_idx" ON "ReminderClaim"("sentAt", "claimedAt");

-- AddForeignKey
ALTER TABLE "Roadmap" ADD CONSTRAINT "Roadmap_controllerId_fkey" FOREIGN KEY ("controllerId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Section" ADD CONSTRAINT "Section_roadmapId_fkey" FOREIGN KEY ("roadmapId") REFERENCES "Roadmap"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Item" ADD CONSTRAINT "Item_roadmapId_fkey" FOREIGN KEY ("roadmapId") REFERENCES "Roadmap"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Item" ADD CONSTRAINT "Item_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "Section"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ItemChange" ADD CONSTRAINT "ItemChange_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ItemChange" ADD CONSTRAINT "ItemChange_byPersonId_fkey" FOREIGN KEY ("byPersonId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonRole" ADD CONSTRAINT "PersonRole_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonRole" ADD CONSTRAINT "PersonRole_roadmapId_fkey" FOREIGN KEY ("roadmapId") REFERENCES "Roadmap"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganizationContact" ADD CONSTRAINT "OrganizationContact_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganizationContact" ADD CONSTRAINT "OrganizationContact_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Curatorship" ADD CONSTRAINT "Curatorship_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Curatorship" ADD CONSTRAINT "Curatorship_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Curatorship" ADD CONSTRAINT "Curatorship_curatorOrgId_fkey" FOREIGN KEY ("curatorOrgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Curatorship" ADD CONSTRAINT "Curatorship_roadmapId_fkey" FOREIGN KEY ("roadmapId") REFERENCES "Roadmap"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckpointStatus" ADD CONSTRAINT "CheckpointStatus_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusChange" ADD CONSTRAINT "StatusChange_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_checkinId_fkey" FOREIGN KEY ("checkinId") REFERENCES "Checkin"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Checkin" ADD CONSTRAINT "Checkin_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostponeRequest" ADD CONSTRAINT "PostponeRequest_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportWarning" ADD CONSTRAINT "ImportWarning_roadmapId_fkey" FOREIGN KEY ("roadmapId") REFERENCES "Roadmap"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invite" ADD CONSTRAINT "Invite_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;
