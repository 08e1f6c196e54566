// The one-file drop zone of every spreadsheet upload (people import, verification lists): an
// .xlsx or .csv kept in the page's state, never sent by antd itself (the page uploads it with its
// own progress bar).
import { InboxOutlined } from '@ant-design/icons';
import { Upload } from 'antd';

interface Props {
  file: File | null;
  onFile: (file: File | null) => void;
  text: string;
  hint: string;
  testId?: string;
}

export function SpreadsheetDrop({ file, onFile, text, hint, testId }: Props) {
  return (
    <Upload.Dragger
      accept=".xlsx,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
      maxCount={1}
      beforeUpload={(f) => {
        onFile(f);
        return false;
      }}
      onRemove={() => onFile(null)}
      fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
      data-testid={testId}
    >
      <p className="ant-upload-drag-icon"><InboxOutlined /></p>
      <p className="ant-upload-text">{text}</p>
      <p className="ant-upload-hint">{hint}</p>
    </Upload.Dragger>
  );
}
