import { useTranslation } from 'react-i18next';

/** The grades Aralin serves: the server's GradeLevel rule (apps/server/src/routes/auth.ts). */
const GRADES = ['4', '5', '6', '7', '8', '9', '10', '11', '12'];

/** One `<option>` per grade, labelled "Grade n" in the interface language. */
export function GradeOptions() {
  const { t } = useTranslation();
  return (
    <>
      {GRADES.map((g) => (
        <option key={g} value={g}>
          {t('profile.gradeN', { grade: g })}
        </option>
      ))}
    </>
  );
}
