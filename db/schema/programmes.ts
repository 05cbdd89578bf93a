import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/**
 * The desk's copy of the joint-programme register 中外合作办学项目名单 (kept at the exchange service, or
 * here on a standalone desk): replaced whole when the service's `programmesVersion` changes.
 */
export const jointProgrammes = sqliteTable(
  'joint_programmes',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    chineseInstitution: text('chinese_institution').notNull(),
    foreignInstitution: text('foreign_institution').notNull(),
    country: text('country').notNull(),
    level: text('level', { enum: ['associate', 'bachelor', 'master', 'doctor'] }).notNull(),
    /** YYYY-MM-DD or ''. */
    approvedUntil: text('approved_until').notNull().default(''),
    enrolmentFrom: integer('enrolment_from'),
    enrolmentTo: integer('enrolment_to'),
    status: text('status', { enum: ['active', 'stopped'] }).notNull().default('active')
  },
  (t) => [index('joint_programmes_institution').on(t.chineseInstitution)]
)
