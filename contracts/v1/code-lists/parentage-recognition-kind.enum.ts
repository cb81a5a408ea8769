/** Who recognises whom; the parties are PARENT and RECOGNISED_CHILD in every case. */
export enum ParentageRecognitionKind {
  FATHER_RECOGNISES_CHILD = 'FATHER_RECOGNISES_CHILD',
  MOTHER_RECOGNISES_CHILD = 'MOTHER_RECOGNISES_CHILD',
  CHILD_RECOGNISES_FATHER = 'CHILD_RECOGNISES_FATHER',
  CHILD_RECOGNISES_MOTHER = 'CHILD_RECOGNISES_MOTHER',
}

export const PARENTAGE_RECOGNITION_KIND_LABELS_VI: Readonly<Record<ParentageRecognitionKind, string>> = {
  [ParentageRecognitionKind.FATHER_RECOGNISES_CHILD]: 'Cha nhận con',
  [ParentageRecognitionKind.MOTHER_RECOGNISES_CHILD]: 'Mẹ nhận con',
  [ParentageRecognitionKind.CHILD_RECOGNISES_FATHER]: 'Con nhận cha',
  [ParentageRecognitionKind.CHILD_RECOGNISES_MOTHER]: 'Con nhận mẹ',
};
